# Two commands on a fresh machine (Python 3.11+, nothing else): `make run`, `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)
MANAGE := DJANGO_DEBUG=1 $(BIN)/python manage.py
HOST ?= 127.0.0.1:8000

.PHONY: install run setup test lint eval eval-real serve

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

# Migrate (which loads the bundled lexicon), ingest the bundled sample, make an admin account
# (password printed once).
setup: $(STAMP)
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) ingest coverage/samples/
	$(MANAGE) ensure_admin

run: setup
	$(MANAGE) runserver $(HOST)

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .

# Production-style serving: gunicorn + whitenoise, debug off. Needs DJANGO_SECRET_KEY (and
# DJANGO_SECURE_SSL_REDIRECT=0 when there is no HTTPS proxy in front).
WORKERS ?= 2
serve: $(STAMP)
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py collectstatic --noinput -v0
	$(BIN)/gunicorn summit.wsgi --bind $(HOST) --workers $(WORKERS) --access-logfile - --error-logfile -

# Score extraction against the gold corpus in tests/corpus (with the lexicon in the database,
# which migrate loads), then how the own multi-article set (tests/merging) merges: duplicate
# and wrong-merge rates (ingested in a transaction that is rolled back).
eval: $(STAMP)
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) evaluate_extraction
	$(MANAGE) evaluate_merging

# Score extraction on the real articles whose texts are present (tests/realworld/README.md says
# how to rebuild them; REALWORLD_TEXTS points elsewhere). SPLIT=dev|locked|all. Then the
# merging rates of the own set and of the real groups whose gold has happening ids.
SPLIT ?= all
eval-real: $(STAMP)
	$(MANAGE) migrate --noinput -v0
	$(MANAGE) seed_lexicon
	$(MANAGE) evaluate_realworld --split $(SPLIT)
	$(MANAGE) evaluate_merging --real

# Page times and query counts at ~1k and ~200k records, ingest rate, gunicorn req/s
# (loopback only, bounded; under 10 minutes). Writes artifacts/bench.md. With
# BENCH_DATABASE_URL=postgres://user@host:port/NAME, the same on PostgreSQL at ~1k and ~1M
# records too (databases NAME_1k and NAME_1m, re-created unless BENCH_REUSE=1), into
# artifacts/bench-postgresql.md and artifacts/explain-postgresql-*.txt.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py
	if [ -n "$$BENCH_DATABASE_URL" ]; then $(BIN)/python scripts/bench.py postgresql; fi
