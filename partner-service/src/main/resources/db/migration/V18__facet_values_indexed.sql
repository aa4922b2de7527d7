-- Offer and area filters narrowed through each partner's facet values (partner_facet, V9_1): 't:' and 'c:'
-- hold exactly the target groups and categories of its offers, 'n:' its areas and every area above them.
-- "target group seniors within 3 km" or "adults in district 3" then start from the few partners with
-- those values instead of testing each partner of the area or the circle through offers and terms
-- (docs/benchmarks/search-20k.md, Round 3). Kept current like partner_facet itself, at commit.
create index partner_facet_values_idx on partner_facet using gin (facet_values);
