from coverage.extract.lexicon import matcher_for
from coverage.extract.topics import topics_in


def topics(text, lexicon):
    return topics_in(matcher_for(lexicon), text, 0, len(text))


def test_keywords_match_case_insensitively_on_word_boundaries(lexicon):
    assert topics("They discussed SANCTIONS and the Nuclear Program.", lexicon) == (
        "Sanctions",
        "Iran nuclear programme",
    )


def test_keywords_inside_other_words_do_not_match(lexicon):
    assert "Energy" not in topics("The oilfield workers were energetic.", lexicon)


def test_short_upper_case_keywords_stay_case_sensitive(lexicon):
    assert "Technology and AI" not in topics("They said ai.", lexicon)
    assert "Technology and AI" in topics("They said AI.", lexicon)
