// Organisations are located in neighbourhoods (nested) and serve target groups, both merged on their code.
CREATE CONSTRAINT neighbourhood_code_unique IF NOT EXISTS FOR (n:Neighbourhood) REQUIRE n.code IS UNIQUE;
CREATE CONSTRAINT target_group_code_unique IF NOT EXISTS FOR (t:TargetGroup) REQUIRE t.code IS UNIQUE;
