"""Who is typing and whose situation the message describes (rules in rules.yml).

speaker: person | student | enterprise | training_org | studio | agent (hotline staff
retelling a caller) | None. subject: the kind of asker whose facts these are; for an agent,
the caller's kind. In order: an explicit role statement ("我不是单位，我是个人"); a message
about one employee or relative; a kind named after "对方是/我们是"; the speaker words (a worker
who names the employer, "我在钱塘一家企业上班", stays a person); what the message is about
(引进 → an enterprise, 学员 → a training institution); the role assumed so far.
"""
from __future__ import annotations

import functools
import re

from policy_kb.kb import load as load_kb
from policy_kb.terms import programme_names

from .lexicon import rules, word_classes

ORG_SUBJECTS = ("enterprise", "training_org", "studio")
_SINGULAR_I = re.compile(r"我(?![们司厂单公机])|本人|俺")


def _has(text: str, words) -> bool:
    return any(re.search(w[1:], text) if w.startswith("~") else w in text for w in words)   # "~pattern"


# "我们不是企业，是钱塘区的一家公立医院": an organisation of another kind, no person
_OTHER_ORG = re.compile(r"(?:我们|我们单位|本单位)不是(?:企业|公司|单位)[^，,。]{0,2}[，, ]*(?:而)?是[^，,。]{0,12}?"
                        r"(?:医院|学校|事业单位|研究所|研究院|中心|机构|工作室|个体户|协会|社团)")


def _other_org(text: str):
    """"我们不是企业，是钱塘区的一家公立医院": an organisation of another kind (not in a person's
    check, where a worker says it of the employer: "我们单位不是企业，是事业单位")."""
    if not _OTHER_ORG.search(text):
        return None
    return "training_org" if re.search(r"是[^，,。]{0,12}?(?:培训机构|培训学校|培训中心)", text) else \
        "studio" if "工作室" in text else "enterprise"


def role_statement(text: str):
    """The role the writer states outright ("我不是单位，我是个人" → person), else None."""
    found = None
    topic = _topic_only(text)
    for role, words in rules()["role_statements"].items():
        for w in words:
            if topic and w.startswith(_KIND_NAMES):
                continue        # "培训机构的补贴标准是多少": the topic of a question, no role stated
            i = text.rfind(w)
            if i >= 0 and not text[max(0, i - 2):i].endswith(("不是", "不", "顺便", "另外")) and (found is None or i >= found[1]) \
                    and not re.match(r"的?(?:职工|员工|上班|工作|里|的人)", text[i + len(w):]) \
                    and not (re.search(r"(?:企业|公司|单位|厂)$", w) and not w.startswith("不") and re.match(r"的(?:$|[，,。;；!！?？\s])", text[i + len(w):])):
                # ("我是企业的": works for one, a person; "我是企业": the organisation)
                found = (role, i)
    return found[0] if found else None


_CALLER_KIND = re.compile(r"来电(?:的)?(?:(企业|公司|厂|集团)|(培训机构|培训学校)|(工作室))(?![，,:：]|$)")


def _kind_after(text: str):
    r = rules()
    caller = _CALLER_KIND.search(text)      # "来电企业在钱塘…": the caller is a firm
    if caller:
        return "enterprise" if caller.group(1) else "training_org" if caller.group(2) else "studio"
    for lead in r["kind_after"]:
        for m in re.finditer(re.escape(lead), text):
            window = text[m.end():m.end() + 10]
            hits = [(window.find(w), kind, w) for kind, words in r["kind_words"].items() for w in words if w in window]
            hits = [h for h in hits if not re.match(r"的?(?:职工|员工|上班|工作|里|的人|在编|人员|电工|焊工|工人)", window[h[0] + len(h[2]):])
                    and not (h[0] > 0 and window[h[0] - 1] == "非")]      # "民办非企业的培训学校"
            if hits:
                return min(hits)[1]
    return None


def self_clause(clause_text: str) -> bool:
    """A clause in which an organisation's officer speaks of their own situation
    ("另外我个人上个月考了技师", "本人还在钱塘工作，不是钱塘户籍")."""
    if re.search(r"HR|hr|人事|老板|负责人|主管|经理", clause_text):
        return False            # "我是老板": the organisation speaking
    return bool(re.search(r"本人|我个人|我自己|我本人", clause_text)) or (
        bool(_SINGULAR_I.search(clause_text)) and _own_situation(clause_text)
        and not re.search(r"我们|我司|公司|单位|企业|机构|工作室|厂|个体", clause_text))


def names_anyone(clause_text: str) -> bool:
    """Does the clause say whom it is about (我们/公司/他/员工/引进的…)?"""
    return bool(re.search(r"我|本人|他|她|公司|单位|企业|机构|工作室|员工|职工|引进|招|培养|学员|学生|毕业生|厂", clause_text))


def kind_named(text: str, subject: str):
    """The organisation kind named anywhere for a known subject: "培训机构，钱塘的…" → training_org."""
    if subject == "studio":             # the studio's host, named in passing ("公司内部叫的工作室")
        if re.search(r"个体工商户|个体户|个体店", text):
            return "individual_business"
        return "enterprise" if re.search(r"公司|厂|企业", _PEOPLES_JOBS.sub("", text)) else None
    words = {"training_org": r"培训机构|培训学校|培训中心|职业学校|职业培训|(?:做|搞|办)培训",
             "enterprise": r"(?<!另一家)(?<!其他)(?<!别的)(?<!从)(?<!前)(?<!上家)(?<!原)(?<!开了)(?<!开了家)(?<!开了个)(?<!开家)(?<!开的)(?<!办了)"
                           r"(?:公司|厂|企业老板|企业HR|企业的|(?:认定|备案|评价)企业)(?!职工|员工)"}.get(subject)
    if words and re.search(words, text):
        return subject
    return None


def own_kind(text: str):
    """The organisation's kind as it names itself: "我们公司" → enterprise (facts.yml kinds)."""
    m = re.search(rules()["own_kind"], text)
    if not m:
        return None
    word = m.group(1)
    return {"培训机构": "training_org", "培训学校": "training_org", "职业培训学校": "training_org",
            "培训中心": "training_org", "机构": "training_org", "个体工商户": "individual_business",
            "个体户": "individual_business", "事业单位": "institution"}.get(word, "enterprise")


def named_in_place(text: str) -> bool:
    """"我们是钱塘备案的认定企业", "本公司是下沙的一家厂": the organisation names itself as one
    of 钱塘 (the place word inside its own name for itself, not negated)."""
    place = "|".join(sorted(map(re.escape, word_classes()["place"]), key=len, reverse=True))
    return bool(re.search(rules()["own_in_place"].replace("@place", place), text))


def _own_situation(text: str) -> bool:
    return bool(re.search(rules()["own_situation"], text))


_QUESTION = re.compile(r"吗|么|怎么|多少|什么|啥|哪|如何|多久|能不能|可不可以|是否|几|\?|？")
_WORKMATES = re.compile(r"(?:我们|咱们|俺们)(?:车间|班组|工段|产线|班上|组里|线上|工地上)")
# "有个老师傅…从外区调过来的高级技师", "从萧山招过来两个高级工", "从江苏过来的高级技师": the firm's hire
_HIRED_FROM = re.compile(r"从[^，,。我他她]{1,8}?(?:(?:招|调|引进|挖|跳槽|聘)(?:过来|来|进来|进)?|过来|来)(?:的|了)?"
                         r"(?:[0-9一二两三四五六七八九十几]+(?:个|名|位))?(?:初级工|中级工|高级工|高级技师|特级技师|首席技师|技师)")
# "这个技师是从钱塘另一家企业跳过来的": a head named by "this one" and how it came (the firm's hire)
_HEAD_HIRED = re.compile(r"(?:这|那)(?:个|位|名)(?:初级工|中级工|高级工|高级技师|特级技师|首席技师|技师)[^，,。我]{0,14}?"
                         r"(?:过来|跳槽|跳到|调来|入职|来的|引进|招)")
# "小王是前年10月从萧山过来的高级技师", "老李是前年3月进来的高级工": a head named by a nickname
# and how it came, with its level (the firm's hire; no 我/他/她 of a workmate's own case)
_NAMED_HIRE = r"(?:@names)(?:是|也是)?[^，,。我他她]{0,12}?(?:过来|进来|调来|调过来|来的|入职|引进|招进来|招来)[^，,。我他她]{0,4}?" \
              r"(?:初级工|中级工|高级工|高级技师|特级技师|首席技师|技师)"


@functools.lru_cache(maxsize=2)
def _programmes_of(kind: str):
    kb = load_kb()
    subject = {p["number"]: p["subject"] for p in kb.programmes}
    names = [n for n, k in programme_names().items() if subject[k] == kind and len(n) > 1]
    return re.compile("|".join(sorted(map(re.escape, names), key=len, reverse=True)))


def _names_org_programme(text: str) -> bool:
    """"…有个员工评上了首席技师 企业能拿育才资助吗": a programme of the organisation's named (the
    one employee is the firm's head, not a person's own case)."""
    m = _programmes_of("organisation").search(text)
    if m and _programmes_of("person").search(text):
        return False        # "有个员工是校企合作班毕业的 他能领留区补贴吗": the person's own programme too
    # ("有个焊工是在前单位考的特级技师 今年过来的 育才资助能报不": one who came, asked of the
    # cultivation programme, stays that one's case)
    return bool(m) and not (programme_names()[m.group(0)] == 5 and re.search(r"过来|来的|入职|调来|跳槽", text))


def _named_hire(text: str) -> bool:
    return bool(re.search(_NAMED_HIRE.replace("@names", rules()["heads"]["names"]), text))


# "问他们公司员工…", "对方单位有个职工…": the caller's one employee (in a hotline agent's retelling)
_CALLERS_EMPLOYEE = re.compile(r"(?:他们|她们|对方|其|该)(?:公司|单位|厂|企业)?的?(?:一个|一位|一名|有个|有一个)?(?:员工|职工|工人|师傅)(?!们)")
_PART_TIME = re.compile(r"非全|不是全日制|成教|成人|函授|夜大|在职读|在职研究生|业余读|业余大学")
_AT_WORK = re.compile(r"上班|工作(?!室)|打工|(?:公司|企业|厂)(?:里)?(?:当|做|干)")
_CHOICE = re.compile(r"还是|呢|是吧|对吧|吧$")       # "按月发还是半年发": a question too
_AGENT_OPENING = re.compile(r"^(?:来电(?:人|者|记录)?[：:]?(?!企业|公司|单位|厂|机构|培训|工作室)|坐席记录|接线记录|热线记录)")
_CLAUSE_SPLIT = re.compile(r"[，,。；;！!？?\s]")
_STATES = re.compile(r"我|我们|对方|来电|他们|[0-9一二两三四五六七八九十]+[个名位人]|去年|今年|前年|已经|了")


def _content_kind(text: str):
    """What the message is about, when it states something ("育才资助怎么申请" names no one)."""
    if _QUESTION.search(text) and not _STATES.search(text):
        # "工作室考核是良好，能给多少运行经费": a clause that states, then the question
        said = [c for c in _CLAUSE_SPLIT.split(text) if c and not _QUESTION.search(c)]
        if not said:
            return None
        text = "，".join(said)
    for kind, words in rules()["content_subjects"].items():
        if _has(text, words):
            return kind
    return None


# what only an organisation does or is ("我们是事业单位" in a worker's check names the employer)
_ORG_ACTS = re.compile(r"HR|hr|人事|老板|负责人|引进|招|员工|职工|培养|培育|学员|毕业生|申报|资助|我司|本公司|本企业|本单位"
                       r"|我单位|代表|工作室|培训|[0-9一二两三四五六七八九十几]+(?:个|名|位)")
# "我今年35", "干焊工干了十二年了": a writer telling their own age or years at a trade
_OWN_LIFE = re.compile(r"我(?:今年|已经|都)?[0-9一二三四五六七八九十]{2,3}(?:岁|了|$|[，,。])"
                       r"|我[^，,。们]{0,6}?(?:干|做|当)[^，,。]{0,6}?(?:了|有)[0-9一二两三四五六七八九十几]+(?:多)?年")
# "我是前年毕业的", "毕业后在钱塘交了七个月社保": a recent graduate (持证大学生), not one who
# graduated years ago and got a new level since ("毕业三年了 今年考了技师": a worker)
_RECENT_GRAD = re.compile(r"(?:去年|前年|今年|刚)[^，,。]{0,5}?毕业|毕业(?:后|以后|之后)")
_LONG_GRAD = re.compile(r"毕业[^，,。]{0,2}(?:[三四五六七八九十]|好几|多)年|提升|技师")


def _speaker_kind(text: str):
    """The asker kind named by the speaker words; a worker naming the employer is a person."""
    r = rules()
    by_speaker = {rule["speaker"]: rule["words"] for rule in r["speakers"]}
    singular = bool(_SINGULAR_I.search(text))
    own = _own_situation(text)
    org_voice = _has(text, r["organisation_markers"])
    if re.search(r"HR|hr|人事|人力(?!社保|资源和社会|资源社会)|人资|老板|负责人|主管|经理|财务|董事长", text) \
            and re.search(r"我们|公司|企业|单位|厂", text) \
            and not _has(text, by_speaker["studio"] + by_speaker["training_org"]):
        return "enterprise"         # an HR officer, even one who also says "我自己去年评了技师"
    topic = _topic_only(text)
    for kind in ("studio", "training_org", "enterprise"):
        if _has(text, [w for w in by_speaker[kind] if not (topic and w in _KIND_NAMES)]):
            if kind == "enterprise" and (own or _titles_only(text)) and not re.search(
                    r"HR|hr|人事|老板|负责人|我们招|我们引进|公司引进|公司招|员工|职工们|培养", text):
                return "person"
            return kind
    content = _content_kind(text)
    student = _has(text, by_speaker["student"]) or (
        (_RECENT_GRAD.search(text) or re.search(r"同学(?:们)?(?:说|讲|告诉我)|班上同学|班里同学", text))
        and not _LONG_GRAD.search(text))        # ("同学说考了证来钱塘上班能拿4000": a student's hearsay)
    if student and (own or not content or content == "studio"):
        return "student"
    if singular and own:
        return "person"
    if content and not own:
        return content
    if _WORKMATES.search(text) and not re.search(r"HR|hr|人事|老板|负责人|主管|经理|公司|企业|单位|引进|招", text) \
            and not re.search(r"[0-9一二两三四五六七八九十]+(?:个|名|位)", text):
        return "person"             # "我们车间好几个人在问": a worker speaking for the workshop
    if "我们" in text or "咱们" in text or org_voice:
        return _kind_in(text) or _content_kind(text) or "enterprise"
    return None


# "培训机构一年最多能补多少钱", "工作室运行经费怎么算": a kind named as the topic of a question, with
# nobody speaking of themself (no 我/我们/本…) and nothing stated, says nothing of who asks
_KIND_NAMES = ("培训机构", "培训学校", "培训中心", "职业培训学校", "民办学校")
_FIRST_PERSON = re.compile(r"我|咱|本(?:机构|单位|公司|企业|工作室|校)|俺")


def _topic_only(text: str) -> bool:
    return bool(_QUESTION.search(text)) and not _STATES.search(text) and not _FIRST_PERSON.search(text)


_HEADCOUNT = re.compile(r"[0-9一二两三四五六七八九十几]+(?:个|名|位)")
_HEADS = re.compile(r"[0-9一二两三四五六七八九十几]+(?:个(?!月)|名|位)")
# "学员现在都在公司上班": where the people told of work, not who is speaking
_PEOPLES_JOBS = re.compile(r"(?:在|去了?|进了?)[^，,。我]{0,6}?(?:公司|企业|厂|单位)(?:里)?(?:上班|工作|就业|干活|打工|做事)")
_THIRD_ONE = re.compile(r"[他她](?!们)|(?:取证|拿证|考证|发证|评上|考出来?)(?:以?后|之后)")
_FIRM_OWN = re.compile(r"引进|招|培养|培育|办班|自主评价|认定|企业(?:能|可以|也|有)|公司(?:能|可以|也|有)|单位(?:能|可以|也)|学员|毕业生|工作室")


def _titles_only(text: str) -> bool:
    """"去年拿的全国技术能手 …是我们集团自己报上去的": a person's own titles or honours, with no
    headcount, said by a worker who names the employer that put them forward."""
    from .lexicon import fact_rules
    words = [w for r in fact_rules() if r.root == "person" and r.loose for w in r.words]
    return _has(text, words) and not _HEADCOUNT.search(text)


def _tells_certificate(text: str) -> bool:
    """"技师还没考出来，要明年才能报名": a level and a certificate verb, said not asked, with no
    one named — the writer's own certificate (even one not got yet)."""
    from .lexicon import level_words
    said = "，".join(c for c in re.findall(r"[^，,。；;！!？?\s]+[？?]?", text)
                    if not _QUESTION.search(c) and not _CHOICE.search(c))
    # ("没评过技师，也没有任何证书，想了解下怎么考": the question asks; the rest is the writer's)
    return _has(said, level_words()) and _has(said, word_classes()["cert"] + ["评过", "考过", "证书"])


def _kind_in(text: str):
    text = _THIRD_PARTY.sub("", text)       # "第三方评价机构帮我们做的认定": not who "我们" are
    for kind, words in rules()["kind_words"].items():
        if kind != "student" and _has(text, words):
            return kind
    return None


_THIRD_PARTY = re.compile(r"(?:第三方|外面的|外边的|别的|其他|另一家|社会)[\u4e00-\u9fff]{0,6}?(?:机构|公司|企业|单位|学校|中心)"
                          r"|[\u4e00-\u9fff]{0,6}?(?:机构|公司|企业|单位|学校|中心)(?=(?:帮|给|替|为)(?:我们|我司|本公司))")


def about_relation(text: str):
    """Where the message turns to a relative or workmate it is written for ("帮我爸问的，他…",
    "我徒弟小李今年评上了…，他在我们厂上班"), else None: 帮/替 before the relation or 他/她 after
    it, and nothing of the writer's own."""
    r = rules()
    rel = "|".join(sorted(map(re.escape, r["relations"]), key=len, reverse=True))
    for m in re.finditer(rf"我(?:的|家)?(?:{rel})", text):
        behalf = re.search(r"[帮替给为代]$", text[max(0, m.start() - 1):m.start()])
        if (behalf or re.search(r"[他她]", text[m.end():])) and not re.search(r["relation_own"], text[m.end():]):
            return m.start()
    m = re.search(r["one_of_staff"], text)
    return m.start() if m else None


def who(text: str, context_subject: str | None = None) -> tuple:
    """(speaker, subject) of a prepared text."""
    r = rules()
    text = re.sub(r["asked_of"], "", text)     # "要问人事": whom to ask, not who asks
    text = text.replace("人事业", "人，事业")     # "本人事业编": 本人 + 事业编, no 人事 (HR)
    reported = re.search(r["reported_by_org"], text)
    if reported:            # "厂里人事说…帮我们报": a worker telling what the firm said
        text = text[:reported.start()] + "我听说" + text[reported.end():]
    # "咱们这个补贴 我老公能拿吗": 咱们 taking in the assistant, no organisation's 我们
    text = re.sub(r"咱们?(?:这个|这边的?|那个|这里的?|的)?(?=补贴|补助|政策|津贴|资助|钱塘|区)", "", text)
    # "我同学说钱塘有补贴 我去年评了技师": who told the writer, not whom the message is about
    text = re.sub(r"我的?(同学|室友|同事|朋友|师傅|师父)(?:们)?(?:都)?(说|讲|告诉我|跟我说)(?![他她])", r"听\1\2", text)
    bare = re.sub(r"[,.!?。！？，]", "", text)
    for key, asker in load_kb().askers.items():      # a bare answer to "以什么身份咨询？"
        if context_subject is None and bare in (asker["label"], f"我是{asker['label']}"):
            return key, key
    agent_words = next(rule["words"] for rule in r["speakers"] if rule["speaker"] == "agent")
    stated = (_other_org(text) if context_subject not in ("person", "student") else None) or role_statement(text)
    relation = about_relation(text)
    named_one = [w for w in r["other_person"] if w in text]
    hire_told = bool(_HIRED_FROM.search(text) or _HEAD_HIRED.search(text) or _named_hire(text)) and not _SINGULAR_I.search(text) and not re.search(r"[他她]", text)
    if context_subject in ORG_SUBJECTS and re.search(r"都|们|几个|[0-9两三四五六七八九十]+(?:个|名|位)", text):
        named_one = [w for w in named_one if not w.startswith("招的")]    # "都是自己招的应届生": heads
    if named_one and all(w.startswith("有") for w in named_one) and hire_told:
        named_one = []          # "有个电工师傅从绍兴调过来的": one of the firm's hires
    if named_one and all(w.startswith("有") for w in named_one) and _names_org_programme(text):
        named_one = []          # "有个员工评上了首席技师 企业能拿育才资助吗": the firm's head
    staff = re.search(r["one_employee"], text)
    if staff and _names_org_programme(text):
        staff = None
    if staff and staff.start() == 0 and not staff.group(0).startswith("有") and not re.search(r["staff_case_personal"], text):
        staff = None        # "我们员工去年年底评上特级技师…": the firm's cultivated head, no personal programme
    other = bool(named_one) or relation is not None or (
        context_subject not in ORG_SUBJECTS and bool(staff)
        and not hire_told)   # (in a firm's check: its heads; "有个师傅从外区调过来的高级技师": a hire)
    call = re.search(r["agent_call"], text)
    is_agent = (_has(text, agent_words) or bool(call)) and not other \
        or bool(call and re.search(r"打来|来电|打电话", call.group(0))) \
        or bool(_AGENT_OPENING.match(text))      # "来电：学生家长，孩子去年6月毕业…": the hotline, of the child
    if is_agent and context_subject in ORG_SUBJECTS and not _has(text, [w for w in agent_words if w[0] not in "他她"]):
        is_agent = False        # in an organisation's check "他是去年8月从绍兴过来的" is about a head, not a call
    named = _kind_after(text)
    if is_agent:
        subject = stated or named or context_subject
        if subject == "enterprise" and _CALLERS_EMPLOYEE.search(text) and re.search(r["staff_case_personal"], text) \
                and not re.search(r"[0-9两三四五六七八九十几]+(?:个(?!月)|名|位)", text):
            subject = "person"      # "来电人是HR 问他们公司员工评上金牌技师以后跳槽了…": that employee's case
        if subject is None:
            rest = text
            for w in sorted(agent_words, key=len, reverse=True):
                rest = rest.replace(w, "我")
            subject = _speaker_kind(rest) or _content_kind(text)
        if other and (subject is None or subject == "person"):
            subject = "student" if _has(text, ("学生", "大学", "在校", "高校", "全日制", "毕业")) else "person"
        if subject is None and re.search(r"他|她|师傅|职工|员工", text):
            subject = "person"
        return "agent", subject
    if stated and relation is not None and stated != "person":
        named, stated = stated, None    # "我是工作室的领办人，我徒弟小李评上了…": the leader, of him
    if stated == "enterprise" and "工作室" in text and relation is None and not named_one:
        stated = "studio"       # "我们是企业 工作室去年被认定为区级": the studio's host
    if stated:      # "我是公司HR，不过这次是问我自己": the officer speaks, about themself
        officer = stated == "person" and re.search(r"HR|hr|人事", text) and _speaker_kind(text)
        return officer or stated, stated
    speaker = named or _speaker_kind(text)
    if hire_told and speaker in (None, "person") and not other and not stated:
        speaker = "enterprise"      # "从萧山招过来两个高级工": a firm telling its hires
    if reported and speaker in ("enterprise", None) and not _has(text, r["organisation_markers"]):
        speaker = "person"          # the firm's officer is told of; "帮我们报": the writer is a worker
    if speaker in ("enterprise", "person") and "工作室" in text and not other and named in (None, "enterprise"):
        speaker = "studio"          # a studio's host or leader: "工作室依托单位是我们厂", "…我们是钱塘的企业"
    if other:
        if speaker in ("student", "person", None) and re.search(r["firm_voice"], text):
            speaker = "enterprise"      # "去年招的应届生…在我们这交社保": the firm, about one hire
        student_words = ("学生", "大学", "在校", "室友", "同学", "高校", "全日制", "毕业", "紧缺", "在读", "读书",
                         "大一", "大二", "大三", "大四", "读大", "读专科", "读本科", "读研")
        tail = text[relation:] if relation is not None else text     # "我是杭电的学生，帮我爸问的": his
        subject = "student" if _has(tail, student_words) \
            else "person"       # a child's or roommate's certificate in the shortage catalogue: 留区补贴's
        if speaker == "student" and not _has(text, ("室友", "同学")) \
                and (relation is None or not _has(text[:relation], student_words)):
            speaker = "person"          # a student's parent asks for them
        return speaker or context_subject or "person", subject
    if speaker is None:
        speaker = _content_kind(text) or context_subject or ("person" if _tells_certificate(text) else None) \
            or ("person" if _titles_only(text) and not _QUESTION.search(text) and not _CHOICE.search(text) else None) \
            or ("person" if _OWN_LIFE.search(text) else None)
        # ("金牌工人没评上，奖也没拿过": titles and honours are a person's)
    if speaker == "enterprise" and context_subject in ("person", "student") and not named \
            and re.search(r"实习|转正|试用期", text) \
            and not re.search(r"HR|hr|人事|老板|我司|本公司|本单位|我单位|引进|招了|培育|培养|毕业生|学员", text):
        speaker = context_subject          # in a student's check, "来我们公司实习…转正" is their own job
    if speaker == "enterprise" and context_subject in ("studio", "training_org") and not named \
            and (context_subject == "studio" or not re.search(r"公司|企业|厂|集团|单位", _PEOPLES_JOBS.sub("", text))):
        speaker = context_subject          # "我们是良好": a studio or training body's own "我们"
    if speaker == "enterprise" and context_subject in ("person", "student") and not stated and not named \
            and re.search(r"(?:我们|咱们|咱)的?(?:老板|领导|经理|主管|人事|HR|hr)(?:说|讲|讲了|说了|告诉我)", text) \
            and not re.search(r"引才|育才|引进|招|培养|培育|资助|员工们|[0-9两三四五六七八九十几]+(?:个|名|位)", text):
        speaker = context_subject          # in a worker's check, "我们老板说这个要个人报": what the boss said
    if speaker == "enterprise" and context_subject in ("person", "student") and not stated \
            and not _has(text, ["一家", "一个"]) and not _ORG_ACTS.search(text):
        speaker = context_subject          # in a worker's check, "在编，我们是事业单位": the worker's employer
    if speaker == "studio" and context_subject == "training_org" and "工作室" not in text:
        speaker = context_subject          # "考核都合格了" in a training body's check: its trainees' assessment
    if speaker == "person" and context_subject in ORG_SUBJECTS and not _has(text, r["employee_markers"]):
        speaker = context_subject          # "我" alone in an HR officer's answer
    if speaker == "student" and context_subject in ORG_SUBJECTS and _HEADCOUNT.search(text) \
            and not _SINGULAR_I.search(text):
        speaker = context_subject          # "有八个是去年毕业的全日制大学生": a body's trainees, counted
    if speaker == "enterprise" and context_subject == "person" and not _HEADS.search(text) \
            and not stated and not named and _THIRD_ONE.search(text) and not _FIRM_OWN.search(text):
        return speaker, "person"        # an HR officer telling the one employee's case: "他去年评上了…",
        # "取证后社保一直在我们这交" (not the firm's own programmes: "我们引进了…", "企业能领吗")
    if speaker == "person" and context_subject == "student":
        speaker = "student"
    if speaker == "student" and _PART_TIME.search(text) and _AT_WORK.search(text):
        return speaker, "person"        # "非全的在读研究生 平时在钱塘一家企业上班": a worker who studies
    return speaker, speaker
