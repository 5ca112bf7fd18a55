from newsgraph.names import first_name_gender


def test_project_list_answers_first_and_marks_unisex_names():
    assert first_name_gender("Mariah") == "f"
    assert first_name_gender("Vladimir") == "m"
    assert first_name_gender("Kim") is None  # a Korean surname as often as a given name
    assert first_name_gender("Chris") is None


def test_names_outside_the_list_come_from_gender_guesser():
    # neither is in the project's own list
    assert first_name_gender("Svetlana") == "f"
    assert first_name_gender("Gennady") == "m"


def test_non_names_and_initials_have_no_gender():
    assert first_name_gender("") is None
    assert first_name_gender("J.") is None
    assert first_name_gender("Xqztv") is None
    assert first_name_gender("2024") is None
