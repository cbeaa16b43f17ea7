"""Two outlets' reports of one summit day (written for these tests): the same opening,
meeting and quotation in other words and order."""

WIRE = """Leaders meet in Tianjin for SCO summit
Published 1 September 2025

TIANJIN, 1 September 2025 — The Shanghai Cooperation Organisation summit opened in Tianjin on 1 September 2025.
Chinese President Xi Jinping met Russian President Vladimir Putin on the sidelines of the summit on 1 September 2025.
Putin said the bloc must build "a fairer world order free of unilateral sanctions and pressure".
"""  # noqa: E501
PAPER = """Putin and Xi hold talks as SCO gathers in Tianjin
Published 2 September 2025

The Shanghai Cooperation Organisation summit opened in Tianjin on Monday, 1 September 2025, with leaders from across Eurasia.
On 1 September 2025 Xi Jinping held talks with Vladimir Putin in Tianjin.
Speaking to delegates, Vladimir Putin said the bloc must build "a fairer world order free of unilateral sanctions and pressure".
"""  # noqa: E501
