from coverage.extract.evaluate import KINDS, evaluate, format_report, gold_files

from .conftest import CORPUS


def test_the_corpus_has_ten_synthetic_articles_and_the_sample_gold():
    pairs = gold_files(CORPUS)
    assert len(pairs) >= 11
    assert any(article.name == "sco-summit-2025.txt" for _, article in pairs)


def test_recall_and_precision_meet_the_targets_on_the_corpus(lexicon):
    report = evaluate(CORPUS, lexicon)
    table = format_report(report)
    for kind in KINDS:
        score = report.kinds[kind]
        assert score.recall >= 0.90, table
        assert score.precision >= 0.85, table


def test_all_record_spans_are_exact(lexicon):
    report = evaluate(CORPUS, lexicon)
    assert report.spans_checked > 100
    assert report.span_exactness == 1.0, report.span_errors


def test_published_dates_are_read_from_datelines(lexicon):
    report = evaluate(CORPUS, lexicon)
    assert report.published_right == report.published_total


def test_the_report_is_a_readable_table(lexicon):
    text = format_report(evaluate(CORPUS, lexicon), details=False)
    assert "statements" in text and "overall" in text and "recall" in text
