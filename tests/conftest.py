"""საერთო fixture-ები: საიტი ერთხელ იწყობა და ყველა საიტის ტესტი მას იყენებს."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from filelock import FileLock

from tooling.build import build
from tooling.config import mkdocs_config, nav_files  # noqa: F401 (the tests' one reader)

ROOT = Path(__file__).resolve().parent.parent


def build_site(dest: Path, *, env: dict | None = None, config: Path | None = None):
    """`mkdocs build --strict` into `dest` (tooling.build); the CompletedProcess, never raises."""
    return build(dest, config=config, extra_env=env, timeout=600)


def small_site(
    root: Path, pages: dict[str, str], *, includes: Path | None = None, extra: str = ""
) -> Path:
    """A site of a few pages with mkdocs.yml's settings (MkDocs' INHERIT) and hooks/site.py, in
    `root`; returns its config for build_site. Seconds instead of the whole site's build."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    for name, text in pages.items():
        (docs / name).write_text(text, "utf-8")
    (root / "includes").symlink_to(includes or ROOT / "includes")
    for folder in ("overrides", "micrograd"):
        (root / folder).symlink_to(ROOT / folder)
    config = root / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {docs}\nnav: [{', '.join(pages)}]\n"
        f"hooks: [{ROOT / 'hooks' / 'site.py'}]\nextra_javascript: []\n{extra}",
        "utf-8",
    )
    return config


def once_per_run(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` ერთხელ `pytest`-ის ერთ გაშვებაზე, მაშინაც, როცა pytest-xdist ტესტებს
    რამდენიმე პროცესში (worker) ანაწილებს (`make test`). პირველი worker-ი, ვინც აქ მოვა, ქმნის
    `folder`-ს ფაილის საკეტის (file lock) ქვეშ; დანარჩენები ელოდებიან და იმავე საქაღალდეს
    იყენებენ. `make` აბრუნებს None-ს ან შეცდომის ტექსტს: მაშინ ის ტესტს ყველა worker-ში
    აგდებს, ხელახლა შექმნის გარეშე."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # გაშვების დროებითი საქაღალდე, საერთო მისი worker-ებისთვის
    folder, outcome = root / name, root / f"{name}.outcome"
    with FileLock(root / f"{name}.lock"):
        if not outcome.exists():
            outcome.write_text(make(folder) or "", "utf-8")
    error = outcome.read_text("utf-8")
    if error:
        pytest.fail(error, pytrace=False)
    return folder


def _build_into(dest: Path) -> str | None:
    result = build_site(dest)
    if result.returncode != 0:
        return f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return None


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """საიტი, აწყობილი `mkdocs build --strict`-ით ერთხელ მთელ გაშვებაზე (ყველა worker-ისთვის)."""
    return once_per_run(tmp_path_factory, "site", _build_into)


# --- ტესტები ორ პროცესში (pytest-xdist, `make test`) ------------------------------------------
# pyproject.toml-ის `--dist loadfile`: ერთი ფაილის ტესტები ერთ worker-ში ეშვება, ამიტომ
# module-ის fixture (scope="module": test_notebooks-ის გაშვებული notebook-ები, test_teacher-ის
# PDF-ები…) და გაკვეთილის სესიის ცვლადები ისევ ერთხელ იქმნება. ერთი გამონაკლისი (Scheduler
# ქვემოთ): test_reader.py-ის fixture `seen` თითო გვერდს ცალკე იმახსოვრებს, ამიტომ მისი ტესტები
# გვერდების მიხედვით ნაწილდება (ყველაზე დიდი ფაილია). ტესტები, რომლებიც თავად აწყობენ მთელ
# საიტს (`build` ნიშანი), პირველები მიდიან: მათი აწყობა სესიის აწყობის პარალელურად მიდის მეორე
# worker-ში და არა მის შემდეგ. (xdist_group-ი pytest 9.2-ში არ მუშაობს: pytest-xdist#1386.)
#
# გაკვეთილის კოდი `make test`-ში სამჯერ ეშვება და სამივე საჭიროა, თითო თავისი მიზეზით:
# 1. pytest-ის ბლოკები (../conftest.py): ```pycon``` მაგალითები (doctest), რომლებიც ტექსტში
#    დაწერილ რიცხვს ამაგრებენ, აწყობაში არ ეშვება; შეცდომას ფაილითა და ბლოკით ასახელებს.
# 2. notebook-ები (test_notebooks.py): ახალ kernel-ში, შედეგი commit-ებულ docs/notebooks/-ს
#    ედარება, რომელსაც მოსწავლე Colab-ში ხსნის.
# 3. საიტის აწყობა (`built_site`): markdown-exec გამომავალს გვერდებზე წერს; საიტის და
#    ბრაუზერის ტესტები მას ამოწმებენ. მეორე სრულ აწყობას მხოლოდ
#    test_two_clean_builds_are_identical აკეთებს (განმეორებადობა: ორი სუფთა აწყობა).
#    test_offline-ის განახლების ტესტი საიტის ახალ ვერსიას აწყობის გარეშე იღებს: ამ აწყობის
#    ასლი, ერთი შეცვლილი გვერდი და hooks/offline.py-ის ბოლო ნაბიჯი (ახალი sw.js).


BY_PAGE = {"tests/browser/test_reader.py"}  # `test_x[page]`: ერთი გვერდის ტესტები ერთად


def pytest_collection_modifyitems(config, items):
    items.sort(key=lambda item: item.get_closest_marker("build") is None)  # სტაბილური დალაგება


@pytest.hookimpl(optionalhook=True)  # pytest-xdist-ის hook-ი
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadfile`: ფაილი ერთ worker-ში; BY_PAGE-ის ფაილი კი გვერდების მიხედვით იყოფა."""
    if config.getvalue("dist") != "loadfile":
        return None
    from xdist.scheduler import LoadFileScheduling

    class Scheduler(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            file, _, test = nodeid.partition("::")
            if file in BY_PAGE and test.endswith("]"):
                return file + "[" + test.rsplit("[", 1)[1]  # `…[backprop]`: ერთი გვერდი
            return file

    return Scheduler(config, log)
