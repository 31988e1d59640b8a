

def test_mapping_problems_name_the_columns_of_one_field_and_what_is_missing():
    from kamp import i18n, mapping as mapping_mod

    both = {"Kunde": "account_id", "Kundennr": "account_id", "Datum": "ts"}
    assert mapping_mod.mapping_problems(both, "transactions", "en") == [
        "Kunde, Kundennr all map to account id *: keep one.",
        i18n.t("import.missing", "en", fields=mapping_mod.missing_text(both, "transactions", "en"))]
    assert mapping_mod.mapping_problems(both, "transactions", "zh")[0].startswith("Kunde、Kundennr 都对应")
    assert mapping_mod.mapping_problems({"Kunde": "account_id", "Datum": "ts", "Betrag": "amount"},
                                        "transactions", "en") == []


WRAPPED = ["单据编号", "客户", "客户\n编码", "Customer ID", "customer_id", "价税合计"]


def test_a_map_names_a_wrapped_header_by_the_text_shown():
    from kamp.mapping import apply_overrides

    assert apply_overrides({}, {"客户编码": "account_id"}, WRAPPED, "transactions") == {"客户\n编码": "account_id"}
    assert apply_overrides({}, {"客户 编码": "account_id"}, WRAPPED, "transactions") == {"客户\n编码": "account_id"}
    # a name as the file writes it is that column, not another it folds like
    assert apply_overrides({}, {"客户": "account_id"}, WRAPPED, "transactions") == {"客户": "account_id"}


def test_a_map_that_could_name_two_columns_or_none_says_so():
    import pytest

    from kamp.mapping import apply_overrides
    from kamp.sources import ImportFailed

    with pytest.raises(ImportFailed) as err:
        apply_overrides({}, {"customer id": "account_id"}, WRAPPED, "transactions")
    assert str(err.value) == ("--map customer id=account_id: 'customer id' could be any of the columns Customer ID, "
                              "customer_id; name one as the file writes it")
    assert err.value.text("zh") == ("--map customer id=account_id：“customer id”可能是以下任一列：Customer ID、"
                                    "customer_id；请按文件中的写法指定其中一列")
    with pytest.raises(ImportFailed) as err:
        apply_overrides({}, {"客户代码": "account_id"}, WRAPPED, "transactions")
    assert str(err.value) == ("--map 客户代码=account_id: the file has no column '客户代码'; columns: 单据编号, 客户, "
                              "客户编码, Customer ID, customer_id, 价税合计")


def test_a_wrapped_header_is_named_on_one_line_in_the_mapping_problems():
    from kamp.mapping import mapping_problems

    said = mapping_problems({"客户\n编码": "account_id", "客户": "account_id"}, "accounts", "en")
    assert said[0] == "客户编码, 客户 all map to account id *: keep one."
