"""Stage: tasks (annotation guide §2) and their deadlines (§4).

Task contexts are the lists that count claims introduce, sections whose
heading announces tasks, and lists introduced by "... các nhiệm vụ sau:".
Each context is split into items, items into ``;`` clauses that open with an
action verb, paragraphs into sentences. Claims are reconciled with the items
found: the ``và``/``đồng thời`` + verb split is used only where it makes the
count match. Deadlines are inherited own text → group → section → document.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache

from .agencies import lead_and_partners, leading_agency, subject_agency
from .annex import find_tables
from .resources import alternation, load, lexicon
from .segment import Outline, clauses, sentences
from .types import Claim, Reference, Task, TimeExpr

__all__ = ["extract_tasks", "starts_with_action", "strip_connector", "is_task_heading"]

_CONNECTOR = re.compile(r"^(?:(?:đồng thời|và|trong đó|bên cạnh đó|ngoài ra|đặc biệt|nhất là)\s*,?\s+)", re.IGNORECASE)
_INTRO_LIST = re.compile(r"(?:\bsau|sau đây|như sau|yêu cầu|đề nghị|chỉ thị|chỉ đạo|giao|thực hiện|triển khai|cụ thể)\s*:\s*$", re.IGNORECASE)
_ANNEX_TITLE = re.compile(r"(?:phụ lục|chương trình|kế hoạch|quy định|quy chế|danh mục|đề án|biểu)\b[^.;]{0,80}$", re.IGNORECASE)
_CLOSING = re.compile(r"^(?:Nơi nhận\b|TM\.|KT\.|T/M|Như trên\b)|\./\.\s*$")
_SPLIT_VA = re.compile(r"(?:,\s*|\s+)(?:và|đồng thời)\s+(?=\S)", re.IGNORECASE)
_STRONG_CUE = re.compile(r"(?:trước|chậm nhất|hoàn thành|xong|hạn|thời gian|thời hạn|trong|định kỳ|kể từ|từ|muộn nhất|(?<!\w)(?:vào|đầu|cuối|giữa))\s*(?:ngày|tháng|quý|năm)?\s*$", re.IGNORECASE)


def strip_connector(text: str) -> int:
    """Length of a leading connector ("đồng thời", "và", "trong đó") to drop."""
    m = _CONNECTOR.match(text)
    return m.end() if m else 0


@cache
def _fronted(kinds: tuple[str, ...] = ("time", "basis")) -> re.Pattern:
    """A fronted time or basis phrase up to its comma (resources/action_verbs.toml [fronted])."""
    data = load("action_verbs")["fronted"]
    words = [w for k in kinds for w in data[k]]
    return re.compile(rf"(?:{alternation(words)})\s[^,;:.]{{2,90}},\s*", re.IGNORECASE)


def starts_with_action(text: str) -> str:
    """The leading action verb phrase of ``text`` (after a leading time or basis
    phrase such as "Trong quý II năm 2026, ..."), or ""."""
    t = text.lstrip()
    m = lexicon().verb_re.match(t)
    if m:
        return "" if _document_name(t, m) else m.group(0)
    lead = _fronted().match(t)
    if lead:
        m = lexicon().verb_re.match(t, lead.end())
        if m and not _document_name(t, m):
            return m.group(0)
    return ""


@cache
def _document_names() -> tuple[frozenset, re.Pattern]:
    d = load("action_verbs")["document_names"]
    return frozenset(w.lower() for w in d["words"]), re.compile(d["not_before"], re.IGNORECASE)


def _document_name(t: str, m: re.Match) -> bool:
    """The verb is the name of a document ("Quyết định số 25/2021/QĐ-TTg", "Chỉ thị này")."""
    words, after = _document_names()
    return " ".join(m.group(0).lower().split()) in words and bool(after.match(t, m.end()))


_HEAD_MARKER = re.compile(r"^\s*(?:(?:Điều|ĐIỀU)\s+\d+[a-z]?|[IVXL]+|[A-H]|[a-zđ]|\d{1,2}(?:\.\d{1,2})*)\s*[.):]\s*")

# A regulation (Quy chế, Quy định, Thông tư in articles) has at least this many "Điều N." blocks;
# there only duty lists of named agencies are tasks, not procedural clauses with an agency as subject.
REGULATION_MIN_ARTICLES = 8
_REGULATION: ContextVar[bool] = ContextVar("vntasks_regulation", default=False)


@cache
def _party_duty_re() -> re.Pattern:
    parties = alternation(load("headings")["non_agency_parties"]["words"])
    return re.compile(rf"(?:trách nhiệm|nghĩa vụ|quyền hạn|quyền)(?:\s*(?:,|và)\s*(?:trách nhiệm|nghĩa vụ|quyền hạn|quyền))*"
                      rf"\s+(?:của\s+)?(?:các\s+|những\s+)?(?:{parties})(?![\w])", re.IGNORECASE)


@lru_cache(maxsize=16384)   # speed (issue 13): a pure function of its string, asked again and again
def party_duty_heading(text: str) -> bool:
    """A heading about the duties of a party that is not a state agency ("Trách nhiệm của chủ đầu tư")."""
    return bool(_party_duty_re().search(_HEAD_MARKER.sub("", text, count=1)))


def _duty_heading_agency(text: str) -> tuple[str, str]:
    """(agency, rest) of a heading naming whose duties follow ("2. Trách nhiệm của Sở X:")."""
    body = _HEAD_MARKER.sub("", text.strip(), count=1).strip().rstrip(":.").strip()
    low = body.lower()
    for w in sorted(load("headings")["agency_duty_openers"]["words"], key=len, reverse=True):
        if low.startswith(w + " "):
            body = body[len(w):].strip()
            break
    if body.lower().startswith("cơ quan "):     # "Trách nhiệm của cơ quan Công an tỉnh"
        inner, end = leading_agency(body[len("cơ quan "):])
        if inner:
            body = body[len("cơ quan "):]
    ag, end = leading_agency(body)
    return ag, body[end:] if ag else body


def agency_duty_heading(text: str) -> str:
    """The agency of a heading that names one agency's duties ("Điều 16. Trách nhiệm Sở Công Thương",
    "1. Sở Công Thương:"), or "". Plural generic names ("các cơ quan, đơn vị") are not one agency."""
    ag, rest = _duty_heading_agency(text)
    if not ag or rest.strip(" ,;:.") or re.match(r"(?:các|những)\s", ag, re.IGNORECASE):
        return ""
    return ag


def heading_lead(text: str) -> str:
    """The agency a heading or group title makes responsible for what stands under it, plural
    names included ("2. Trách nhiệm của các sở, ban, ngành có liên quan:"), or ""."""
    ag, rest = _duty_heading_agency(text)
    return ag if ag and not rest.strip(" ,;:.") else ""


@lru_cache(maxsize=16384)   # speed (issue 13): a pure function of its string, asked again and again
def is_task_heading(text: str) -> bool:
    low = text.lower()
    lx = lexicon()
    body = _HEAD_MARKER.sub("", text, count=1).lstrip().lower()
    if party_duty_heading(text):
        return False
    if any(body.startswith(w) for w in lx.task_heading_openers):
        return True
    if _assessment_heading(body):
        return any(w in low for w in lx.forward_headings)
    return any(w in low for w in lx.task_headings)


@lru_cache(maxsize=16384)   # speed (issue 13): a pure function of its string, asked again and again
def _assessment_heading(body: str) -> bool:
    """A heading about results, situation, purpose …: it opens with such a word
    ("Kết quả …", "Về tình hình …") or is short and holds one ("Mục đích, yêu cầu"),
    or a heading about the duties of a party that is not an agency."""
    lx = lexicon()
    if party_duty_heading(body):
        return True
    b = re.sub(r"^(?:về|đối với)\s+", "", body.strip().lower())
    if any(b.startswith(w) for w in lx.non_task_headings):
        return True
    return len(b.split()) <= 6 and any(w in b for w in lx.non_task_headings)


@lru_cache(maxsize=16384)   # speed (issue 13): a pure function of its string, asked again and again
def _is_non_task_heading(text: str) -> bool:
    return _assessment_heading(_HEAD_MARKER.sub("", text, count=1)) and not is_task_heading(text)


@dataclass
class _Ctx:
    group: str
    group_start: int
    group_end: int
    declared: int | None = None
    claim: Claim | None = None
    items: list = field(default_factory=list)      # list of (start, end, is_item)
    heading_agency: str = ""
    is_heading: bool = False     # the group is a heading (its bare year is a scope)
    learned: bool = False        # the classifier found these clauses, the rules did not


def _trim_task(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in "-–+•*"):
        s += 1
    s += strip_connector(text[s:e])
    while e > s and (text[e - 1].isspace() or text[e - 1] in ";.,:"):
        e -= 1
    return s, e


def _protected(refs, times):
    return [(r.start, r.end) for r in refs] + [(t.start, t.end) for t in times]


def _sentence_clauses(text, s, e, prot, require_verb=True):
    out = []
    for ss, se in sentences(text, s, e, prot):
        for cs, ce in clauses(text, ss, se):
            cs, ce = _trim_task(text, cs, ce)
            if ce - cs < 4:
                continue
            if out and out[-1][1] >= ss and _qualifier(text[cs:ce]):
                out[-1] = (out[-1][0], ce)   # "…; hoàn thành trước ngày 30/6/2026" stays with its task
            elif not require_verb or starts_with_action(text[cs:ce]) or _agency_task(text[cs:ce]):
                out.append((cs, ce))
    return out


@cache
def _qualifier_re() -> re.Pattern:
    return re.compile("|".join(load("action_verbs")["qualifiers"]["patterns"]), re.IGNORECASE)


def _qualifier(clause: str) -> bool:
    """A clause that qualifies the task before it rather than starting one ("hoàn thành trước ngày …")."""
    return bool(_qualifier_re().match(clause.lstrip()))


_PARTNER_LEAD = re.compile(r"\s*(?:cùng\s+)?với\s+(?=\S)", re.IGNORECASE)




def _agency_task(clause: str) -> bool:
    if _REGULATION.get():
        return False   # in a regulation a clause with an agency as subject states a procedure
    partner = _PARTNER_LEAD.match(clause)   # "Với các đơn vị của Bộ Tài chính xây dựng …" under "… phối hợp:"
    if partner:
        clause = clause[partner.end():]
    lead = _fronted(("time",)).match(clause)   # "Đến hết quý II năm 2004, tất cả các Sở … phải tiến hành …"
    if lead and not leading_agency(clause)[0]:
        clause = clause[lead.end():]
    ag, end = leading_agency(clause)
    if ag and (starts_with_action(clause[end:].lstrip(" ,:")) or re.match(r"\s*(?:chủ trì|có trách nhiệm|chịu trách nhiệm)", clause[end:])):
        return True
    return bool(_verb_inside(clause))


def _subject(clause: str) -> str:
    """The agency a task clause names as its subject after a fronted time or basis phrase
    ("Căn cứ vào các kiến nghị …, các bộ, ngành khẩn trương …") or before a verb that is no
    stop word ("Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện …"), or ""."""
    lead = _fronted().match(clause)
    if lead and not leading_agency(clause)[0] and not _PARTNER_LEAD.match(clause):
        clause = clause[lead.end():]
    split = _verb_inside(clause)
    if split:
        return leading_agency(clause[:split].rstrip())[0]
    ag, end = leading_agency(clause)
    return ag if ag and starts_with_action(clause[end:].lstrip(" ,:")) else ""


@cache
def _determiner_end() -> re.Pattern:
    return re.compile(rf"(?<!\w)(?:{alternation(load('agencies')['determiners']['words'])})$", re.IGNORECASE)


def _after_determiner(text: str) -> bool:
    return bool(_determiner_end().search(text))


@lru_cache(maxsize=16384)   # speed (issue 13): a pure function of its string, asked again and again
def _verb_inside(clause: str) -> int:
    """Where a lower-case action verb ends an agency name that runs on past it because the verb
    is no stop word ("Các Sở, Ban ngành, ủy ban nhân dân các cấp tạo điều kiện …"), or 0."""
    for m in re.finditer(r"\s(?=\w)", clause[:160]):
        if m.start() < 4 or clause[m.start() - 1] == "," or not clause[m.end()].islower() or \
                _after_determiner(clause[:m.start()]):
            continue   # "các cấp" is a noun after a determiner
        if lexicon().verb_re.match(clause, m.end()) and leading_agency(clause[:m.start()])[1] == m.start():
            return m.end()
    return 0


def _item_units(text, b, prot):
    """Tasks of one list item: the whole item, or its ';' clauses when each opens with a verb."""
    s, e = _trim_task(text, b.body_start, b.end)
    if e <= s:
        return []
    body = text[s:e]
    # "Sở Tư pháp: clause; clause" → clauses after the agency
    ag, aend = leading_agency(body)
    if ag and body[aend:aend + 2].strip().startswith(":"):
        rest = s + aend + body[aend:].index(":") + 1
        parts = _sentence_clauses(text, rest, e, prot, require_verb=False)
        return parts or [(s, e)]
    parts = []
    for ss, se in sentences(text, s, e, prot):
        parts += [_trim_task(text, a, z) for a, z in clauses(text, ss, se)]
    parts = [(a, z) for a, z in parts if z - a >= 4]
    units: list[tuple[int, int]] = []
    for a, z in parts:
        if units and (_qualifier(text[a:z]) or not (starts_with_action(text[a:z]) or _agency_task(text[a:z]))):
            units[-1] = (units[-1][0], z)
        else:
            units.append((a, z))
    return units or [(s, e)]


def is_regulation(outline: Outline) -> bool:
    """A regulation: its body is a series of articles ("Điều 1." … "Điều 8." …)."""
    return sum(b.marker_type == "article" for b in outline.blocks) >= REGULATION_MIN_ARTICLES


def extract_tasks(text: str, outline: Outline, claims: list[Claim], refs: list[Reference],
                  times: list[TimeExpr], scope_end: int = 0, headerless: bool = False) -> tuple[list[Task], list[Claim]]:
    """Tasks of the document and its claims with ``found``/``status`` filled in. ``scope_end``:
    end of the title (its years are the document's scope); ``headerless``: the text has no
    document header (a news article, a web excerpt), so its lead may name the scope."""
    token = _REGULATION.set(is_regulation(outline))
    try:
        return _extract_tasks(text, outline, claims, refs, times, scope_end, headerless)
    finally:
        _REGULATION.reset(token)


def _extract_tasks(text, outline, claims, refs, times, scope_end, headerless):
    blocks = outline.blocks
    prot = _protected(refs, times)
    n = len(blocks)

    def bindex(pos):
        return _bi(blocks, pos)
    children = [[] for _ in range(n)]
    for i, p in enumerate(outline.parents):
        if p >= 0:
            children[p].append(i)
    closing = closing_blocks(blocks)
    consumed: set[int] = set(closing)
    contexts: list[_Ctx] = []
    claims = list(claims)
    claim_blocks = {bindex(c.start): k for k, c in enumerate(claims)
                    if "listed_elsewhere" not in c.flags and "no_list_cue" not in c.flags}

    def following_run(i: int) -> list[int]:
        """Blocks after i that form its list (same marker type as the first)."""
        if i + 1 >= n:
            return []
        first = blocks[i + 1]
        if first.kind == "heading" and first.marker_type in ("roman", "part", "caps"):
            return []
        if i + 1 in claim_blocks:
            run = []
            for j in range(i + 1, n):
                if j not in claim_blocks:
                    break
                run.append(j)
            return run
        if children[i]:
            return [j for j in children[i] if outline.parents[j] == i and blocks[j].marker_type == blocks[children[i][0]].marker_type]
        run = []
        for j in range(i + 1, n):
            bj = blocks[j]
            if bj.marker_type != first.marker_type:
                if j > i + 1 and any(a in run for a in outline.ancestors(j)):
                    continue  # nested below a run item
                break
            if not bj.marker_type and not (starts_with_action(bj.text) or _agency_task(bj.text) or j in claim_blocks):
                break
            run.append(j)
        return run

    # 0. annex task tables: each data row is a task with its columns
    for hi, rows in find_tables(text, blocks):
        consumed.add(hi)
        path = outline.heading_path(hi)
        title = path[-1].text.strip() if path else ""
        ctx = _Ctx(group=title, group_start=blocks[hi].start, group_end=blocks[hi].start)
        for row in rows:
            consumed.add(row.block)
            if row.group_label:
                if ctx.items:
                    contexts.append(ctx)
                a, z = row.cells["content"]
                ctx = _Ctx(group=text[a:z], group_start=a, group_end=a)
                continue
            a, z = row.cells["content"]
            a, z = _trim_task(text, a, z)
            ctx.items.append((a, z, "row", _with_details(row)))
        if ctx.items:
            contexts.append(ctx)

    def take_run(run: list[int], ctx: _Ctx) -> None:
        """The items of the list ``run`` (and all below them) as the claim's tasks."""
        for j in run:
            consumed.add(j)
            for a, z in _item_units(text, blocks[j], prot):
                ctx.items.append((a, z, True))
            consumed.update(_descendants(outline, j))

    # 1. claim contexts
    for k, c in enumerate(claims):
        bi = bindex(c.start)
        if bi < 0 or "listed_elsewhere" in c.flags:
            continue
        b = blocks[bi]
        colon = text.find(":", c.end, b.end)
        if colon >= 0 and text.find(".", c.end, colon) >= 0 and _SENTENCE_END.search(text, c.end, colon):
            colon = -1   # the colon belongs to a later sentence
        intro_end = colon if colon >= 0 else c.end
        group = text[b.body_start:intro_end].strip()
        ctx = _Ctx(group=group, group_start=b.body_start, group_end=intro_end, declared=c.declared, claim=c)
        rest_s = (colon + 1) if colon >= 0 else c.end
        later = [o for o in claims[k + 1:] if bindex(o.start) == bi and o.start < (colon if colon >= 0 else b.end)
                 and "listed_elsewhere" not in o.flags]
        if later and colon >= 0:
            # "3 nhóm nhiệm vụ và 12 giải pháp: A; B; C": the list is the claim's whose count it
            # matches, else the claim nearest the colon; the other stays without items
            n_items = len(_sentence_clauses(text, rest_s, b.end, prot, require_verb=False))
            owner = next((o for o in [c] + later if o.declared == n_items), later[-1])
            if owner is not c:
                ctx.group_end = c.end
                contexts.append(ctx)
                continue
        if "no_list_cue" in c.flags and colon < 0:
            # a claim in a title or lead ("Kế hoạch đề ra 6 nhiệm vụ trọng tâm."): its items are
            # those of a list that follows at once, if any; else it stays unresolved
            if bi + 1 < n and blocks[bi + 1].marker_type and b.end - c.end < 3:
                take_run(following_run(bi), ctx)
            contexts.append(ctx)
            continue
        if b.end - rest_s > 10:
            for cs, ce in _sentence_clauses(text, rest_s, b.end, prot, require_verb=False):
                ctx.items.append((cs, ce, False))
        else:
            run = following_run(bi)
            sub = [j for j in run if j in claim_blocks]
            if sub and len(sub) == len(run):
                ctx.items = [(blocks[j].start, blocks[j].end, "subgroup") for j in run]
            else:
                take_run(run, ctx)
        consumed.add(bi)
        contexts.append(ctx)

    def collect(i: int, ctx: _Ctx, members) -> None:
        """Tasks of the blocks ``members`` under the introducing block ``i``."""
        for j in members:
            if j not in consumed:
                _collect_block(text, outline, j, ctx, contexts, consumed, prot, children)
        consumed.add(i)
        if ctx.items:
            contexts.append(ctx)

    # In a regulation, articles head sections like headings; a chapter title above articles
    # ("Chương II / NỘI DUNG QUẢN LÝ … VÀ TRÁCH NHIỆM …") is no task context of its own, its
    # articles are judged one by one, and a heading naming one agency ("1. Sở Công Thương:",
    # "Điều 16. Trách nhiệm Sở Công Thương") opens that agency's duty list.
    reg = _REGULATION.get()
    above_article = set()
    if reg:
        for i, b in enumerate(blocks):
            if b.marker_type == "article":
                above_article.update(outline.ancestors(i))

    def task_head(k: int) -> bool:
        bk = blocks[k]
        if reg and k in above_article and bk.marker_type in ("caps", "caps_cont", "part"):
            return False
        if not (bk.kind == "heading" or reg and bk.marker_type == "article" and len(bk.text) < 200):
            return False
        if is_task_heading(text[bk.body_start:bk.end]):
            return True
        # "2. Giao Bộ Văn hoá, Thể thao và Du lịch:" / "1. Sở Công Thương:" opens that agency's list
        # (in a regulation also "Điều 16. Trách nhiệm Sở Công Thương"), unless it stands in an assessment
        if (reg or bk.text.rstrip().endswith(":")) and agency_duty_heading(bk.text):
            return not any(blocks[a].kind == "heading" and _is_non_task_heading(text[blocks[a].body_start:blocks[a].end])
                           for a in outline.ancestors(k))
        return False

    # 2. "... các nhiệm vụ sau:" lists and task-heading sections
    for i, b in enumerate(blocks):
        if i in consumed or i in claim_blocks:
            continue
        if b.kind != "heading" and _INTRO_LIST.search(b.text):
            if reg and not any(task_head(a) for a in outline.ancestors(i)):
                continue   # a regulation's "… theo các hình thức sau:" states a procedure
            if any(blocks[a].kind == "heading" and _is_non_task_heading(text[blocks[a].body_start:blocks[a].end])
                   for a in outline.ancestors(i)):
                continue   # a list under "Quan điểm, định hướng", "Mục đích, yêu cầu", "Kết quả" …
            run = following_run(i)
            ctx = _Ctx(group=text[b.body_start:b.end].rstrip(" :"), group_start=b.body_start, group_end=b.end)
            # "2. Ủy ban nhân dân các tỉnh, thành phố theo chức năng, …, tập trung:" leads its items
            ctx.heading_agency = subject_agency(ctx.group)
            collect(i, ctx, run)
    for i, b in enumerate(blocks):   # lists of tasks inside a paragraph or as a series of ordinals
        if i in consumed or i in claim_blocks or b.kind == "heading" or any(task_head(a) for a in outline.ancestors(i)):
            continue
        if any(blocks[a].kind == "heading" and _is_non_task_heading(text[blocks[a].body_start:blocks[a].end])
               for a in outline.ancestors(i)):
            continue
        if b.marker_type == "ordinal" and _series_start(b.marker):
            run = [i]
            for j in range(i + 1, n):   # the siblings that follow, up to the first that is no ordinal
                if outline.parents[j] != outline.parents[i]:
                    continue
                if blocks[j].marker_type != "ordinal":
                    break
                run.append(j)
            prev = blocks[i - 1] if i > 0 else None
            group = prev.text.strip().rstrip(" :") if prev is not None and prev.text.rstrip().endswith(":") else ""
            ctx = _Ctx(group=group, group_start=prev.start if group else b.start, group_end=prev.end if group else b.start)
            ctx.heading_agency = subject_agency(group) if group else ""
            for j in run:
                consumed.add(j)
                for a, z in _item_units(text, blocks[j], prot):
                    if starts_with_action(text[a:z]) or _agency_task(text[a:z]):
                        ctx.items.append((a, z, True))
            if prev is not None and group:
                consumed.add(i - 1)
            if ctx.items:
                contexts.append(ctx)
            continue
        colon = _inline_intro_colon(text, b)
        if colon < 0 or reg:
            continue
        items = _sentence_clauses(text, colon + 1, b.end, prot, require_verb=True)
        if len(items) >= 2 or items and _intro_strong_re().search(text, b.body_start, colon):
            ctx = _Ctx(group=text[b.body_start:colon].strip(), group_start=b.body_start, group_end=colon)
            ctx.heading_agency = subject_agency(ctx.group)
            ctx.items = [(a, z, False) for a, z in items]
            consumed.add(i)
            contexts.append(ctx)
    for i, b in enumerate(blocks):
        if i in consumed or not task_head(i):
            continue
        if any(task_head(a) for a in outline.ancestors(i)):
            continue  # handled with the outer section
        ctx = _Ctx(group=b.text.strip().rstrip(":"), group_start=b.start, group_end=b.end, is_heading=True)
        ctx.heading_agency = heading_lead(b.text) or (
            leading_agency(text[b.body_start:b.end])[0] if b.text.rstrip().endswith(":") else "")
        if not ctx.heading_agency and i + 1 < n and outline.parents[i + 1] == i and not blocks[i + 1].marker_type \
                and blocks[i + 1].text.rstrip().endswith(":"):
            # the paragraph that opens the section names who does its tasks
            ctx.heading_agency = subject_agency(blocks[i + 1].text)
        collect(i, ctx, _descendants(outline, i))
    if reg:   # "c) Sở Tài chính: Chủ trì, phối hợp …" items outside any duty list
        for i, b in enumerate(blocks):
            if i in consumed or b.kind == "heading" or not b.marker_type or any(task_head(a) for a in outline.ancestors(i)):
                continue
            body = text[b.body_start:b.end]
            ag, aend = leading_agency(body)
            if ag and body[aend:aend + 2].strip().startswith(":") and agency_duty_heading(body[:aend]):
                ctx = _Ctx(group=ag, group_start=b.body_start, group_end=b.body_start + aend, heading_agency=ag)
                ctx.items = [(a, z, True) for a, z in _item_units(text, b, prot)]
                consumed.add(i)
                if ctx.items:
                    contexts.append(ctx)

    model = _model()
    proba: dict = {}
    keep_above = DROP_BELOW
    if model is not None:
        extra, proba = _learned(text, outline, contexts, prot, scope_end, model, headerless, closing)
        contexts += extra
        keep_above = getattr(model, "keep_above_", DROP_BELOW)
    contexts.sort(key=lambda c: c.group_start)
    return _build(text, outline, contexts, claims, refs, times, scope_end, proba, keep_above, headerless)


_SENTENCE_END = re.compile(r"[.!?]\s+[A-ZĐÀ-Ỹ]")
@cache
def _inline_intro_re() -> re.Pattern:
    words = load("headings")["inline_intro"]["words"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)[^:.;]{{0,60}}$", re.IGNORECASE)


@cache
def _intro_strong_re() -> re.Pattern:
    words = load("headings")["inline_intro"]["strong"]
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)", re.IGNORECASE)


def _inline_intro_colon(text: str, b) -> int:
    """Offset of the colon of a paragraph that introduces a list of tasks in its own line
    ("UBND tỉnh yêu cầu các sở, ngành: A; B"), or -1."""
    colon = text.find(":", b.body_start, b.end)
    if colon < 0 or b.end - colon < 12:
        return -1
    return colon if _inline_intro_re().search(text, b.body_start, colon) else -1


@cache
def _series_first_re() -> re.Pattern:
    firsts = [series[0] for series in load("segmentation")["inline_ordinals"]["series"]]
    return re.compile(rf"(?<!\w)(?:{alternation(firsts)})(?!\w)", re.IGNORECASE)


def _series_start(marker: str) -> bool:
    """The marker opens a series of ordinals ("Một là,", "Thứ nhất,", "Nhiệm vụ thứ nhất:")."""
    return bool(_series_first_re().search(" ".join(marker.split())))


def closing_blocks(blocks) -> set[int]:
    """Signature blocks and "Nơi nhận" lists, up to the next annex heading: no content."""
    out: set[int] = set()
    closing = False
    for i, b in enumerate(blocks):
        if closing and not _CLOSING.search(b.text.strip()) and (
                b.marker_type in ("caps", "roman", "part", "article") or _ANNEX_TITLE.match(b.text.strip())):
            closing = False
        if _CLOSING.search(b.text.strip()):
            closing = True
            if not b.text.strip().endswith("./."):
                out.add(i)
            continue
        if closing:
            out.add(i)
    return out


def _learned(text, outline, contexts, prot, scope_end, model, headerless, closing) -> tuple[list, dict]:
    """The classifier over every clause of the document (:func:`classifier.clause_candidates`):
    the task probability of each clause, and contexts for the clauses the rules missed that it
    scores at least :data:`ADD_ABOVE` (best first, overlapping no task already found), each
    under its nearest heading."""
    from .classifier import clause_candidates
    rule = [(it[0], it[1]) for c in contexts for it in c.items if it[2] != "subgroup"]
    regions = [(min(it[0] for it in c.items), max(it[1] for it in c.items)) for c in contexts if c.items]
    cands = clause_candidates(text, outline, prot, rule, regions, frozenset(closing), scope_end)
    if not cands:
        return [], {}
    probs = model.task_proba([c for _, _, c in cands])
    proba = {(s, e): p for (s, e, _), p in zip(cands, probs)}
    taken = sorted(rule)
    chosen = []
    # the classifier adds freely where the layout rules found nothing, more where the text has no
    # header (news, web excerpts: running text), only its surest clauses elsewhere
    if not rule:
        add_above = getattr(model, "add_above_", ADD_ABOVE)
    elif headerless:
        add_above = getattr(model, "add_above_headerless_", 2.0)
    else:
        add_above = getattr(model, "add_above_ruled_", 2.0)
    for (s, e, c), p in sorted(zip(cands, probs), key=lambda x: -x[1]):
        if p < add_above:
            break
        if c.rule or any(a < e and s < z for a, z in taken):
            continue
        taken.append((s, e))
        chosen.append((s, e))
    by_head: dict[int, _Ctx] = {}
    for s, e in sorted(chosen):
        bi = _bi(outline.blocks, s)
        heads = [k for k in outline.ancestors(bi) if outline.blocks[k].kind == "heading"] if bi >= 0 else []
        hk = heads[-1] if heads else -1
        if hk not in by_head:
            hb = outline.blocks[hk] if hk >= 0 else None
            by_head[hk] = _Ctx(group=hb.text.strip().rstrip(":") if hb else "", group_start=hb.start if hb else s,
                               group_end=hb.end if hb else s, is_heading=hb is not None, learned=True)
        by_head[hk].items.append((s, e, False))
    return list(by_head.values()), proba


def _descendants(outline: Outline, i: int) -> list[int]:
    out = []
    for j in range(i + 1, len(outline.blocks)):
        if i in outline.ancestors(j):
            out.append(j)
        elif outline.parents[j] == -1 or outline.blocks[j].kind == "heading" and i not in outline.ancestors(j):
            if not any(i in outline.ancestors(k) for k in range(j, min(j + 1, len(outline.blocks)))):
                break
    return out


def _collect_block(text, outline, j, ctx, contexts, consumed, prot, children):
    b = outline.blocks[j]
    consumed.add(j)
    if b.kind == "heading" and _is_non_task_heading(text[b.body_start:b.end]):
        consumed.update(_descendants(outline, j))
        return
    cont = _wrapped_item(text, outline, j, children)
    if cont:
        # "e) Khẩn trương hoàn thiện Chiến lược …, báo cáo" + "Thủ tướng Chính phủ trong tháng 5 …": an item
        # whose line break left its first line looking like a heading; its continuation lines are its text
        consumed.update(cont)
        item = replace(b, end=outline.blocks[cont[-1]].end)
        for a, z in _item_units(text, item, prot):
            if starts_with_action(text[a:z]) or _agency_task(text[a:z]):
                ctx.items.append((a, z, True))
        for k in _descendants(outline, j):
            if k not in consumed:
                _collect_block(text, outline, k, ctx, contexts, consumed, prot, children)
        return
    if b.kind == "heading" or b.marker_type and any(outline.blocks[c].marker_type for c in children[j]):
        # a sub-heading or an item with sub-items: a group of its own
        sub = _Ctx(group=b.text.strip().rstrip(":"), group_start=b.start, group_end=b.end, is_heading=b.kind == "heading")
        ag, _ = leading_agency(outline.blocks[j].text[b.body_start - b.start:])
        ag = ag or heading_lead(b.text)
        sub.heading_agency = ag or ctx.heading_agency   # a sub-group keeps the agency of the block above
        body = text[b.body_start:b.end]
        colon = body.find(":")
        if b.kind != "heading" and colon > 0 and len(body) - colon > 10:
            for a, z in _sentence_clauses(text, b.body_start + colon + 1, b.end, prot, require_verb=False):
                sub.items.append((a, z, True))
        elif b.kind != "heading" and colon < 0 and body.rstrip().endswith("."):
            # "3. Tiếp tục kiện toàn, sắp xếp lại … trong tình hình mới." over 3.1, 3.2: an item that
            # is a full sentence carries its own task as well as heading its sub-items (a title-like
            # item without a full stop only heads them)
            for a, z in _item_units(text, b, prot):
                if starts_with_action(text[a:z]) or _agency_task(text[a:z]):
                    ctx.items.append((a, z, True))
        for k in _descendants(outline, j):
            if k in consumed:
                continue
            _collect_block(text, outline, k, sub, contexts, consumed, prot, children)
        if sub.items:
            contexts.append(sub)
        return
    if b.marker_type:
        for a, z in _item_units(text, b, prot):
            if starts_with_action(text[a:z]) or _agency_task(text[a:z]):
                ctx.items.append((a, z, True))
    else:
        for a, z in _sentence_clauses(text, b.start, b.end, prot, require_verb=True):
            ctx.items.append((a, z, False))


_ITEM_MARKERS = ("arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus")
_ENDS_SENTENCE = re.compile(r"[.;:!?]\W*$")


def _wrapped_item(text, outline, j, children) -> list[int]:
    """The continuation paragraphs of a list item read as a heading because its text was broken
    after the first line ("- Chủ trì, phối hợp … giải quyết" / "đơn thư khiếu nại … theo thẩm quyền."):
    the item opens with an action, its line ends without punctuation and the line below is not a
    task of its own (it starts in lower case or opens with no action). [] when it is a real heading."""
    b = outline.blocks[j]
    body = text[b.body_start:b.end].rstrip()
    if b.kind != "heading" or b.marker_type not in _ITEM_MARKERS or not children[j] or _ENDS_SENTENCE.search(body):
        return []
    if not (starts_with_action(body) or _agency_task(body)):
        return []
    kids = children[j]
    if any(outline.blocks[k].marker_type for k in kids):
        return []   # "4. Hỗ trợ xây dựng … số" / "Make in Viet Nam …" over a) b): a title of its sub-items
    first = outline.blocks[kids[0]]
    head = text[first.start:first.end].lstrip()
    if first.marker_type or kids[0] != j + 1 or not head:
        return []
    if not head[0].islower() and (len(body) < 30 or starts_with_action(head) or _agency_task(head)):
        return []   # "3. Tổ chức thực hiện" / "Thủ trưởng các sở …": a short title over its paragraphs
    out = []
    for k in kids:
        bk = outline.blocks[k]
        if bk.marker_type or k != j + 1 + len(out):
            break
        out.append(k)
        if _ENDS_SENTENCE.search(text[bk.start:bk.end].rstrip()):
            break
    return out


def _va_splits(text, s, e):
    out = []
    for m in _SPLIT_VA.finditer(text, s, e):
        if starts_with_action(text[m.end():e]):
            out.append((m.start(), m.end()))
    return out


def _reconcile(text, ctx: _Ctx) -> tuple[list, list[str]]:
    items = [(it[0], it[1]) for it in ctx.items if it[2] != "subgroup"]
    flags = []
    if ctx.declared is None or not items or len(items) >= ctx.declared:
        return items, flags
    need = ctx.declared - len(items)
    cands = [(k, sp) for k, (a, z) in enumerate(items) for sp in _va_splits(text, a, z)]
    if 0 < len(cands) <= need or len(cands) == need:
        new = []
        by_item = {}
        for k, sp in cands:
            by_item.setdefault(k, []).append(sp)
        for k, (a, z) in enumerate(items):
            cur = a
            for ss, se in by_item.get(k, []):
                new.append(_trim_task(text, cur, ss))
                cur = se
            new.append(_trim_task(text, cur, z))
        flags.append("split_va_to_match")
        return new, flags
    return items, flags


_HORIZON_CUE = re.compile(r"(?:hoàn thành|xong|phấn đấu|chậm nhất|trước|thực hiện|triển khai)\b[^,;.]{0,25}$", re.IGNORECASE)


def _with_details(row) -> dict:
    """A row's cells, each a span, except ``leads``: the spans of its lead agencies — its own
    lead cell, else those of its detail sub-rows ("4 | Hoàn thiện tiêu chuẩn … |  |  | " over
    "- | Công trình giao thông | Bộ Xây dựng | …"); the first time of the sub-rows where it
    names none."""
    cells = {k: v for k, v in row.cells.items() if k != "lead"}
    own = row.cells.get("lead")
    cells["leads"] = (own,) if own else tuple(d["lead"] for d in row.details if "lead" in d)
    if "time" not in cells:
        times = [d["time"] for d in row.details if "time" in d]
        if times:
            cells["time"] = times[0]
    return cells


def _cells_text(text, spans) -> str:
    """The text of one or more cell spans, distinct values joined by "; "."""
    seen = []
    for a, z in spans:
        t = " ".join(text[a:z].split())
        if t and t not in seen:
            seen.append(t)
    return "; ".join(seen)


@cache
def _lead_scope_re() -> tuple[int, re.Pattern]:
    d = load("deadlines")["lead_scope"]
    return int(d["lead_chars"]), re.compile(rf"(?<!\w)(?:{alternation(d['words'])})(?!\w)[^.!?\n]*$")


def _lead_scope(text: str, times, first_task: int):
    """The scope a header-less text gives in its lead: the first year or period after a plan word
    ("… ban hành Kế hoạch … năm 2019", "Chương trình … giai đoạn 2016-2020") in the same sentence."""
    limit, cue = _lead_scope_re()
    for t in times:
        if t.start >= min(limit, first_task):
            break
        if t.kind in ("year", "range") and cue.search(text, max(0, t.start - 200), t.start):
            return t
    return None


def _own_deadline(text, times_in) -> TimeExpr | None:
    best = None
    for t in times_in:
        before = text[max(0, t.start - 30):t.start]
        strong = t.kind in ("before", "recurring", "continuous", "quarter", "month", "date", "half") or \
            re.match(r"(?:trong|cuối|đầu|hết|giữa)\s", t.text, re.IGNORECASE) or _STRONG_CUE.search(before)
        if t.kind == "range" and not re.search(r"(?:trong|giai đoạn|từ)\s*$", before + " ", re.IGNORECASE) and "/.." not in t.value:
            strong = strong and "giai đoạn" not in " ".join(t.text.lower().split())
        if t.kind == "before" and re.fullmatch(r"\.\./\d{4}", t.value) and not _HORIZON_CUE.search(before):
            strong = False  # "Quy hoạch … thời kỳ 2021-2030, tầm nhìn đến năm 2050" names a plan's horizon
        if strong:
            if best is None or (best.kind == "continuous" and t.kind != "continuous"):
                best = t
    return best


@cache
def _report_re():
    words = load("deadlines")["report_types"]["words"]
    return re.compile(r"^\s*(?:" + "|".join(re.escape(w) for w in words) + r")\s*$", re.MULTILINE)


def is_report(head: str) -> bool:
    """Whether the header ``head`` (type line and title) is that of a report, whose years
    name the period reported on rather than a scope for its tasks."""
    return bool(_report_re().search(head))


@cache
def _completion_re():
    words = load("deadlines")["scope_completion"]["words"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


def scope_goal(text: str, t: TimeExpr) -> bool:
    """Whether ``t``, standing before the first task, is a dated deadline of the plan's
    goal ("… phấn đấu hoàn thành … trước ngày 30/9/2010."): a scope for the whole document."""
    if t.kind != "before" or not re.fullmatch(r"\.\./\d{4}-\d{2}(?:-\d{2})?", t.value):
        return False
    start = max(text.rfind(". ", 0, t.start), text.rfind(";", 0, t.start), text.rfind("\n", 0, t.start)) + 1
    return bool(_completion_re().search(text, start, t.start))


_COMPLETION_CLAUSE = re.compile(r"[\s.;]*(?:bảo đảm |đảm bảo |phấn đấu )?(?:hoàn thành|xong)\s+(?:trước|chậm nhất|trong|muộn nhất|không muộn)", re.IGNORECASE)
_MISCASED_PART = re.compile(r"\s*(?=[IVXLivxl]{2,5}\s?[.)]\s)(?=[ivxl]*[IVXL])(?=[IVXL]*[ivxl])[IVXLivxl]{2,5}\s?[.)]\s")
_ABOVE_PARTS = ("caps", "caps_cont", "part", "article")   # marker types above a roman part
_INTRO_KINDS = ("year", "month", "quarter", "half", "date", "before")


def _group_deadline(text, ctx, group_times) -> TimeExpr | None:
    """The time a group's text gives its items. A recurrence there says how often the
    group's own work recurs (or names a document: "Quy chế đánh giá công chức hằng năm"),
    so it is not passed down. Of several deadlines the last one governs: it stands nearest
    the list ("…trước ngày 31/5. … bảo đảm hoàn thành …, trước ngày 30/6:" → 30/6). A time
    in the clause that introduces the list ("…, trong đó năm 2004 các cấp cần tập trung:")
    governs it even without a cue word."""
    times = [t for t in group_times if t.kind != "recurring"]
    best = None
    for t in times:
        if _own_deadline(text, [t]) is not None and (best is None or best.kind == "continuous" or t.kind != "continuous"):
            best = t
    if best is not None:
        return best
    body = text[ctx.group_start:ctx.group_end].rstrip()
    if body.endswith(":"):
        cut = max(body.rfind(". "), body.rfind(";"), body.rfind(":", 0, len(body) - 1))
        intro = [t for t in times if t.start >= ctx.group_start + cut + 1 and t.kind in _INTRO_KINDS]
        if intro:
            return intro[-1]
    if (ctx.is_heading or ctx.claim is not None) and times:
        return times[0]
    return None


def _build(text, outline, contexts, claims, refs, times, scope_end, proba, keep_above, headerless):
    tasks: list[Task] = []
    claim_index = {id(c): k for k, c in enumerate(claims)}
    blocks = outline.blocks
    # document scope: first "trong năm YYYY"-like year before the first task, a year in the title,
    # or the dated goal of the plan's own parts (under a heading: the preamble before the first
    # heading recounts the documents the plan carries out, and their dates are theirs)
    first_task = min((it[0] for c in contexts for it in c.items), default=len(text))
    scope = None
    report = is_report(text[:scope_end])   # its years before the tasks are the period it looks back on
    for t in times:
        if t.start >= first_task or report:
            break
        within = re.match(r"trong", t.text, re.IGNORECASE) or re.search(r"(?:trong|thực hiện trong|trong cả)\s+$", text[max(0, t.start - 20):t.start], re.IGNORECASE)
        if (t.kind in ("year", "range") and within) or \
                (t.kind in ("year", "range", "before") and t.start < scope_end) or \
                (scope_goal(text, t) and any(scope_end <= b.start < t.start for b in blocks if b.kind == "heading" and b.marker)):
            scope = t
            break
    if scope is None and headerless:
        scope = _lead_scope(text, times, first_task)

    tstarts = [t.start for t in times]

    def times_in(a: int, z: int) -> list:
        return times[bisect_left(tstarts, a):bisect_left(tstarts, z)]

    # a part marker typed in the wrong case ("iV. Về công tác chỉ đạo …") is read as a
    # paragraph, so the outline keeps the previous part's headings open across it; their
    # times stop there all the same
    breaks = [b.start for b in blocks if b.marker_type != "roman" and _MISCASED_PART.match(b.text)]

    def item_deadline(pos):
        """The deadline of a list item's closing clause that says only when the item is to be
        done ("a) Rà soát …; xây dựng Phương án …; hoàn thành trước ngày 10/6/2026."): it is
        the whole item's, so each of its clauses takes it."""
        bi = _bi(blocks, pos)
        if bi < 0 or not blocks[bi].marker:
            return None
        b = blocks[bi]
        body = text[b.start:b.end].rstrip(" .;")
        cut = b.start + max(body.rfind(";"), body.rfind(". ")) + 1
        if cut <= pos or not _COMPLETION_CLAUSE.match(text, cut):
            return None
        return _own_deadline(text, times_in(cut, b.end))

    def heading_times(pos):
        bi = _bi(blocks, pos)
        if bi < 0:
            return None
        for a in reversed(outline.ancestors(bi)):
            hb = blocks[a]
            if hb.kind != "heading":
                continue
            if hb.marker_type not in _ABOVE_PARTS and any(hb.start < k < pos for k in breaks):
                continue
            ts = [t for t in times_in(hb.start, hb.end) if t.kind != "recurring"]
            if ts:
                return ts[0]
        return None

    seq = 0
    for gi, ctx in enumerate(contexts, start=1):
        items, rflags = _reconcile(text, ctx)
        if ctx.claim is not None:
            k = claim_index[id(ctx.claim)]
            found_items = [it for it in ctx.items if it[2] == "subgroup"]
            found = len(found_items) if found_items else (len(items) if items else None)
            cflags = ctx.claim.flags + tuple(rflags)
            if found is not None and found != ctx.declared and not found_items:
                # "8 nhóm nhiệm vụ, giải pháp: 1. … 8. …" whose items hold several tasks each: the
                # claim counts the items (annotation guide §1: sub-groups satisfy it)
                n_blocks = len({_bi(blocks, a) for a, _ in items})
                if n_blocks == ctx.declared:
                    found, cflags = n_blocks, cflags + ("counted_items",)
            last = max((it[1] for it in ctx.items), default=0)
            if found is not None and ctx.declared is not None and found < ctx.declared and text[last:].strip() in ("", ";", ",", "…", "...", ";…", "; …"):
                # the text ends inside the list (a web excerpt, a missing page): its items cannot all be seen
                found, cflags = None, cflags + ("list_cut_off",)
            status = "unresolved" if found is None else ("ok" if found == ctx.declared else "mismatch")
            claims[k] = replace(ctx.claim, found=found, status=status, flags=cflags)
        group_times = times_in(ctx.group_start, ctx.group_end)
        group_dl = _group_deadline(text, ctx, group_times)
        cells_of = {(it[0], it[1]): it[3] for it in ctx.items if len(it) > 3}
        probas = proba if ctx.claim is None and not cells_of else {}
        for ii, (a, z) in enumerate(items, start=1):
            if z - a < 4:
                continue
            prob = probas.get((a, z))
            if prob is not None and prob < keep_above:
                continue  # the segment classifier says this clause is not a task
            if lexicon().not_task_re.search(text[a:z]) and not cells_of:
                continue  # accountability or closing clause ("… chịu trách nhiệm trước …")
            seq += 1
            body = text[a:z]
            cells = cells_of.get((a, z), {})
            own_times = times_in(a, z)
            dl, src = _own_deadline(text, own_times), "own"
            if "time" in cells:
                ta, tz = cells["time"]
                col = times_in(ta, tz)
                if col:
                    # a time cell that names stages ("Tháng 5/2026 … Tháng 11/2026", "2026 và
                    # hằng năm") is governed by its last one, "thường xuyên, hằng năm" is continuous;
                    # a note in brackets does not count
                    bare = [t for t in col if text.count("(", ta, t.start) <= text.count(")", ta, t.start)] or col
                    cont = [t for t in bare if t.kind == "continuous"]
                    dl, src = (cont or bare)[-1], "column"
            if dl is None:
                dl, src = item_deadline(a), "item"
            if dl is None and group_dl is not None and not ctx.group_start <= a < ctx.group_end and \
                    not (ctx.is_heading and any(ctx.group_start < k < a for k in breaks)):
                dl, src = group_dl, "group"   # a clause of the group's own text does not take a sibling's time
            if dl is None:
                dl, src = heading_times(a), "section"
            if dl is None and scope is not None:
                dl, src = scope, "document"
            lead, partners = lead_and_partners(body)
            if not lead:
                blk = blocks[_bi(blocks, a)]
                if blk.body_start < a:   # "Ban Thường vụ Tỉnh ủy lãnh đạo …; xác định …": the item's subject
                    lead = leading_agency(text[blk.body_start:a])[0]
            lead = lead or ctx.heading_agency or _subject(body)
            if cells.get("leads"):
                lead = _cells_text(text, cells["leads"])
            if "partners" in cells:
                pa, pz = cells["partners"]
                partners = tuple(p.strip() for p in re.split(r"[;,]\s*", " ".join(text[pa:pz].split())) if p.strip())
            product = " ".join(text[cells["product"][0]:cells["product"][1]].split()) if "product" in cells else ""
            flags = list(rflags)
            if ctx.claim is not None and ctx.claim and claims[claim_index[id(ctx.claim)]].status == "mismatch":
                flags.append("count_mismatch")
            if prob is not None and prob < FLAG_BELOW:
                flags.append(f"low_confidence:{prob:.2f}")
            if not text[z:].strip() and not re.search(r"[.;:!?…)”\"]\s*$", text[a:z + 2]):
                flags.append("cut_off")   # the text ends inside this item (a missing page, a truncated file)
            tasks.append(Task(
                task_id=f"T{gi}.{ii}", seq=seq, start=a, end=z, text=body,
                section=" > ".join(b.text.strip() for b in outline.heading_path(_bi(blocks, a))),
                group=ctx.group, group_declared=ctx.declared, action=starts_with_action(body),
                deadline=dl.value if dl else "", deadline_text=dl.text if dl else "",
                deadline_source=src if dl else "", lead_agency=lead, partner_agencies=partners,
                references=tuple(r.ref_id for r in refs if a <= r.start < z), product=product, flags=tuple(flags),
                context="table" if (a, z) in cells_of else ("claim" if ctx.claim is not None else
                                                              ("learned" if ctx.learned else "list")),
            ))
    return tasks, _later_lists(outline, _twins(claims))


_LIST_TYPES = ("roman", "arabic", "arabic2", "letter", "paren", "ordinal", "dash", "plus", "caps")


def _later_lists(outline: Outline, claims: list[Claim]) -> list[Claim]:
    """A claim of a title or lead that nothing lists at once ("6 nhiệm vụ trọng tâm …") is
    satisfied by a later run of sibling items of its size (numbered items, ordinals, bold
    sub-headings): found = that size, flagged ``list_later``."""
    out = list(claims)
    for k, c in enumerate(out):
        if c.found is not None or "no_list_cue" not in c.flags:
            continue
        runs: dict[tuple[int, str], int] = {}
        for i, b in enumerate(outline.blocks):
            if b.start > c.end and b.marker_type in _LIST_TYPES:
                key = (outline.parents[i], b.marker_type)
                runs[key] = runs.get(key, 0) + 1
        if c.declared in runs.values():
            out[k] = replace(c, found=c.declared, status="ok", flags=c.flags + ("list_later",))
    return out


def _unit_head(unit: str) -> str:
    """The task noun of a claim's unit without "nhóm" and a second noun ("nhóm giải pháp" → "giải pháp",
    "nhiệm vụ, giải pháp" → "nhiệm vụ"): a restated claim may name its unit shorter."""
    u = unit.lower().removeprefix("nhóm ").strip()
    return re.split(r",|\s+và\s+", u)[0].strip()


def _twins(claims: list[Claim]) -> list[Claim]:
    """A claim of the title or lead that lists nothing ("… với 6 nhiệm vụ trọng tâm.") counts the
    list of the claim that restates it further on (same number, same unit)."""
    out = list(claims)
    for k, c in enumerate(out):
        if c.found is not None or "no_list_cue" not in c.flags:
            continue
        twin = next((o for o in out if o is not c and o.found is not None and o.declared == c.declared
                     and _unit_head(o.unit) == _unit_head(c.unit)), None)
        if twin is not None:
            out[k] = replace(c, found=twin.found, status=twin.status, flags=c.flags + ("twin_of:" + twin.claim_id,))
    return out


DROP_BELOW = 0.3    # held-out task F1: rules .829 → .839 at 0.3 or 0.5; 0.3 keeps more recall (models/MODEL_CARD.md)
FLAG_BELOW = 0.5


ADD_ABOVE = 0.5     # a model without thresholds: a clause the rules missed becomes a task at this probability


def _model():
    from .classifier import get_classifier
    return get_classifier()


def _bi(blocks, pos):
    """Index of the block holding offset ``pos`` (blocks are sorted and disjoint), or -1."""
    i = bisect_right(blocks, pos, key=lambda b: b.start) - 1
    return i if i >= 0 and pos < blocks[i].end else -1
