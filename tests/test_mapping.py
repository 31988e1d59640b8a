

def test_mapping_problems_name_the_columns_of_one_field_and_what_is_missing():
    from kamp import i18n, mapping as mapping_mod

    both = {"Kunde": "account_id", "Kundennr": "account_id", "Datum": "ts"}
    assert mapping_mod.mapping_problems(both, "transactions", "en") == [
        "Kunde, Kundennr all map to account id *: keep one.",
        i18n.t("import.missing", "en", fields=mapping_mod.missing_text(both, "transactions", "en"))]
    assert mapping_mod.mapping_problems(both, "transactions", "zh")[0].startswith("Kunde、Kundennr 都对应")
    assert mapping_mod.mapping_problems({"Kunde": "account_id", "Datum": "ts", "Betrag": "amount"},
                                        "transactions", "en") == []
