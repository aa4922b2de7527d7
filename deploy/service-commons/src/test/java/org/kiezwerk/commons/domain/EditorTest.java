package org.kiezwerk.commons.domain;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EditorTest {

    final UUID own = UUID.randomUUID();
    final UUID other = UUID.randomUUID();

    @Test
    void anUnboundCallerMayChangeAnything() {
        assertFalse(Editor.UNBOUND.bound());
        Editor.UNBOUND.requireMayEdit(Set.of(own, other), "the offers");
        Editor.UNBOUND.requireMayEdit(Set.of(), "the offers");
        Editor.UNBOUND.requireOneOf(List.of(other), "no");
    }

    @Test
    void anEditorChangesOnlyWhatIsAllTheirs() {
        Editor editor = Editor.of(Set.of(own));
        editor.requireMayEdit(Set.of(own), "the offers");
        NotYourOrganisationException refused = assertThrows(NotYourOrganisationException.class,
                () -> editor.requireMayEdit(Set.of(own, other), "the offers"));
        assertEquals("You may change only the offers of the organisations you edit.", refused.getMessage());
        // nothing to point at (an unknown part) is nothing of theirs
        assertThrows(NotYourOrganisationException.class, () -> editor.requireMayEdit(Set.of(), "the offers"));
    }

    @Test
    void anEditorSpeaksForOneOfTheSides() {
        Editor editor = Editor.of(Set.of(own));
        editor.requireOneOf(List.of(other, own), "not yours");
        assertEquals("not yours", assertThrows(NotYourOrganisationException.class,
                () -> editor.requireOneOf(List.of(other), "not yours")).getMessage());
        assertTrue(editor.edits(own));
        assertFalse(editor.edits(other));
    }
}
