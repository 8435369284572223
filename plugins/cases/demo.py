"""Demo loader for the case library: the library page, its 专题 and the cases in demo_data.

Looks everything up by slug first, so running it again changes nothing.
"""

from django.db import transaction

from pages.importers import apply_scope, body_blocks, publish

from .demo_data import CASES, LIBRARY, TOPICS
from .hashing import content_hash


def ensure_library(home):
    from .models import CaseLibraryPage, CaseTopic

    library = CaseLibraryPage.objects.child_of(home).first()
    if library is None:
        library = CaseLibraryPage(title=LIBRARY["title"], slug=LIBRARY["slug"],
                                  intro=LIBRARY["intro"])  # the nav entry comes from the plugin
        home.add_child(instance=library)
        for order, data in enumerate(TOPICS):
            CaseTopic.objects.create(library=library, sort_order=order, title=data["title"],
                                     slug=data["slug"], description=data["description"],
                                     tag_names=data["tags"])
        publish(library)
    return library


def add_case(library, data):
    from pages.models import BranchPage

    from .models import InnovationCasePage

    if InnovationCasePage.objects.filter(slug=data["slug"]).exists():
        return False
    organisation = BranchPage.objects.filter(slug=data["org"]).first() if data.get("org") else None
    case = InnovationCasePage(
        title=data["title"], slug=data["slug"], date=data["date"], summary=data["summary"],
        organisation=organisation, organisation_name=data.get("organisation", ""),
        region=data.get("region", ""), field=data["field"], innovation_type=data["type"],
        recommendation=data.get("recommendation", 1), background=data["background"],
        practice=body_blocks(data["practice"]), results=data["results"],
        lessons=data["lessons"], source=data.get("source", ""),
        content_hash=content_hash(data["title"], " ".join(
            data[k] for k in ("background", "practice", "results", "lessons"))),
    )
    library.add_child(instance=case)
    case.tags.set(data.get("tags", []))
    publish(case)
    if data.get("scope") == "party":
        apply_scope(case, data, None)
    return True


@transaction.atomic
def load_demo(stdout=None):
    from pages.models import HomePage

    home = HomePage.objects.first()
    if home is None:
        if stdout:
            stdout.write("创新案例：没有首页，跳过。")
        return
    library = ensure_library(home)
    created = sum(1 for data in CASES if add_case(library, data))
    if stdout:
        stdout.write(f"创新案例：案例库“{library.title}”，新建案例 {created} 个（共 {len(CASES)} 个）。")


__all__ = ["load_demo", "ensure_library", "add_case"]
