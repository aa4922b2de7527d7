package org.kiezwerk.commons.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fast: JSON strings with a NUL character are refused, naming the field; everything else reads as before. */
class NulCharactersTest {

    record Draft(String name, Map<String, String> labels) {
    }

    private final ObjectMapper json = customized();

    private static ObjectMapper customized() {
        ObjectMapper mapper = new ObjectMapper();
        new NulCharacters().customize(mapper);
        return mapper;
    }

    @Test
    void ordinaryTextIsRead() throws Exception {
        assertEquals("Café\tim Kiez\n", json.readValue("{\"name\":\"Café\\tim Kiez\\n\"}", Draft.class).name());
    }

    @Test
    void aNulCharacterIsRefusedAndRecognised() {
        JsonMappingException e = assertThrows(JsonMappingException.class,
                () -> json.readValue("{\"name\":\"a\\u0000b\"}", Draft.class));
        InvalidFormatException invalid = assertInstanceOf(InvalidFormatException.class, e);
        assertTrue(NulCharacters.refused(invalid));
        assertEquals("name", invalid.getPath().get(0).getFieldName());
    }

    @Test
    void otherFormatErrorsAreNotItsRefusal() {
        InvalidFormatException other = InvalidFormatException.from(null, "not a number", "x", Integer.class);
        assertFalse(NulCharacters.refused(other));
    }
}
