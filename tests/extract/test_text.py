from coverage.extract.text import (
    BULLET,
    CAPTION,
    HEADING,
    PARAGRAPH,
    TABLE,
    TITLE,
    TOC,
    layout,
    split_blocks,
    split_sentences,
    title_of,
)


def sentences(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text, 0, len(text))]


def kinds(text: str) -> list[str]:
    return [b.kind for b in split_blocks(text)]


def test_the_first_non_empty_line_is_the_title():
    text = "\nSummit ends\nLeaders met on Monday."
    assert kinds(text) == [TITLE, PARAGRAPH]
    assert title_of(text) == "Summit ends"


def test_short_lines_without_final_punctuation_are_headings():
    text = "Title\nBilateral Meetings & Regional Agendas\nThe leaders met."
    assert kinds(text) == [TITLE, HEADING, PARAGRAPH]


def test_a_lone_question_line_is_a_heading():
    assert kinds("T\nWhat does the bloc want?\nIt wants trade.")[1] == HEADING


def test_table_of_contents_lines_and_tables_are_recognised():
    text = "T\nTable of Contents\n- 1. Intro\n| A | B |\n|---|---|\n| x | 1 |"
    assert kinds(text) == [TITLE, TOC, TOC, TABLE, TABLE, TABLE]


def test_label_colon_lines_are_bullets():
    text = "T\nEnergy Cooperation: The pipeline was discussed at length."
    blocks = split_blocks(text)
    assert blocks[1].kind == BULLET
    assert text[blocks[1].label_end :].startswith(" The pipeline")


def test_photo_captions_are_captions():
    text = "T\nPhoto: Leaders pose in Delhi.\nLeaders wave at the venue / AFP\nA line (Reuters)"
    assert kinds(text)[1:] == [CAPTION, CAPTION, CAPTION]


def test_abbreviations_do_not_end_sentences():
    text = "U.S. President Joe Biden met Mr. Modi on Sept. 3 in Washington. He left."
    assert sentences(text) == [
        "U.S. President Joe Biden met Mr. Modi on Sept. 3 in Washington.",
        "He left.",
    ]


def test_a_lower_case_start_after_a_full_stop_still_starts_a_sentence():
    assert sentences("It ended. this concept is vague.") == ["It ended.", "this concept is vague."]


def test_a_quotation_spanning_two_sentences_stays_one_unit():
    text = "“We will not yield. The West must listen,” he said. Talks ended."
    assert sentences(text) == [
        "“We will not yield. The West must listen,” he said.",
        "Talks ended.",
    ]


def test_straight_quotes_spanning_sentences_stay_one_unit():
    text = '"It is unfair. It must end," Guterres said. Then he left.'
    assert sentences(text)[0] == '"It is unfair. It must end," Guterres said.'


def test_a_full_stop_inside_a_closing_quote_ends_the_sentence():
    text = "He spoke of “turbulence and change.” He urged calm."
    assert sentences(text) == ["He spoke of “turbulence and change.”", "He urged calm."]


def test_a_new_quotation_after_a_closed_one_starts_a_sentence():
    text = 'He said: "Talks are over." "We will leave tomorrow," he added.'
    assert sentences(text) == ['He said: "Talks are over."', '"We will leave tomorrow," he added.']
    text = "He said: “Talks are over.” “We will leave tomorrow,” he added."
    assert len(sentences(text)) == 2


def test_missing_spaces_after_commas_do_not_break_sentences():
    text = "A parade on September 3rd,commemorating the war,which ended. Next one."
    assert len(sentences(text)) == 2


def test_sentence_offsets_slice_the_original_text():
    text = "Title\n  Leaders met.  Then they left.  \n"
    lay = layout(text)
    for s in lay.sentences:
        assert text[s.start : s.end] == text[s.start : s.end].strip()
    assert [text[s.start : s.end] for s in lay.prose()] == ["Leaders met.", "Then they left."]


def test_numbered_paragraphs_are_prose_not_a_table_of_contents():
    from coverage.extract.text import PARAGRAPH, TOC, classify_line

    line = "1. On August 22, Prime Minister Kishida held a summit meeting with President Tokayev."
    assert classify_line(line, False) == PARAGRAPH
    assert classify_line("1. Background", False) == TOC


def test_an_excerpt_opening_with_its_lede_keeps_the_first_paragraph_as_prose(extract):
    text = (
        "Ukrainian President Volodymyr Zelensky and United States President Donald Trump "
        "expressed hope for future talks with Russia, to bring an end to the war.\n\n"
        "Trump and Zelensky spoke in the Oval Office.\n"
    )
    speakers = sorted(s.speaker for s in extract(text).statements)
    assert speakers == ["Donald Trump", "Volodymyr Zelensky"]


def test_a_short_first_line_is_still_the_title(extract):
    x = extract("Zelensky said to meet Trump\n\nThe talks begin today.\n")
    assert x.title == "Zelensky said to meet Trump" and x.statements == []


def test_an_excerpt_cut_off_mid_sentence_ends_in_prose():
    text = "Summit ends\n\nLeaders met on Monday.\n\nThe chancellor said the talks had been very"
    assert kinds(text) == [TITLE, PARAGRAPH, PARAGRAPH]


def test_an_excerpt_cut_off_after_a_space_ends_in_prose_too():
    text = "Summit ends\n\nLeaders met on Monday.\n\nHe said so. “The talks had been very "
    assert kinds(text) == [TITLE, PARAGRAPH, PARAGRAPH]


def test_a_last_line_in_title_case_or_followed_by_a_newline_stays_a_heading():
    assert kinds("Summit ends\n\nLeaders met on Monday.\n\nMore Stories From The Region") == [
        TITLE,
        PARAGRAPH,
        HEADING,
    ]
    assert kinds("Summit ends\n\nLeaders met.\n\nthe chancellor said the talks had been\n")[-1] == (
        HEADING
    )


def test_a_statement_cut_off_by_the_excerpt_is_still_found(extract):
    text = "Summit ends\n\nLeaders met on Monday.\n\nOlaf Scholz said the talks had been very"
    assert [s.speaker for s in extract(text).statements] == ["Olaf Scholz"]


def test_hard_wrapped_wire_copy_is_joined_into_its_paragraphs():
    text = (
        "PARIS, May 2 (Wire) - Leaders of the bloc made\n"
        "progress on trade, Prime Minister Narendra Modi said on\n"
        "Sunday, hailing the talks.\n"
        "Modi told reporters that all the\n"
        "members had agreed on the\n"
        "new tariffs.\n"
    )
    blocks = [text[b.start : b.end] for b in layout(text).blocks]
    assert blocks[0].endswith("hailing the talks.") and blocks[1].startswith("Modi told")
    assert len(blocks) == 2


def test_a_single_broken_line_does_not_make_a_document_hard_wrapped():
    text = "Title\nA short line\nends here.\nAnother paragraph follows.\n"
    assert len(layout(text).blocks) == 4


def test_a_name_with_dotted_initials_is_not_split_after_them():
    text = "Vice President J.D. Vance arrived. The talks began."
    assert sentences(text) == ["Vice President J.D. Vance arrived.", "The talks began."]
