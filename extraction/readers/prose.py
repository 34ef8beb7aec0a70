"""Prose policy texts with no labelled fields (若干措施, 实施细则, 管理办法, notices): one program per
numbered measure.

The text is first repaired (`furniture.repair`: broken lines joined, page numbers dropped) and read
as an outline of numbered lines: 第N章 / 第N节 / 第N条 / 一、 / （一） / 1. / （1） / ①, nested in the
order the styles first appear, with a 【heading】 after 第N条 and run-in headings ("（三）支持企业上规模。
对…") read as the measure's name. Then, from the top:

- a node whose heading is organisational (总则, 保障措施, 资金管理, 附则 …) is skipped;
- a node whose heading is a field (申报条件, 联系方式 …) at the top of a notice is shared by every
  program of the document;
- a node that offers support in its own words (an amount, 奖励, 补贴, 贴息, 担保 …), or whose
  sub-items are fields (1.申报条件 2.奖励标准), is one program: its sub-items pay for different
  achievements of one measure;
- a node whose own words only name a group ("一、纵深推进文旅产业融合发展") is read through.

A notice that calls for one application and holds no measures of its own becomes one program named
after what it calls for. Responsibility notes (牵头单位：…, 责任单位：…) become a department field;
contact lines outside any measure (联系人, 联系电话) a contact field of every program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from extraction.document import FieldName, TextField, Unit, UnitKind
from extraction.readers.cleaner import Clean, concat
from extraction.readers.contact_table import SYMBOL_LEAD, attach_contact_sections, route_named_contacts
from extraction.readers.fields import lexicon, match_heading_line, normalize_heading
from extraction.readers.furniture import repair
from extraction.readers.htmlview import remap
from extraction.readers.numbering import NUMBERED_LABEL, Marker, cn_number, parse_marker
from extraction.readers.tidy import site_record

# Styles that number measures (a contact line may cite them: 第2、3、4条)
_NUMBERED_THROUGH = {"art", "cn", "ar", "pcn", "bnum", "pad"}
# Styles whose numbers run on through the whole text (第五条 after 第二章), never restarting.
_RUNNING = {"chap", "sect", "art", "brk", "blt", "head", "doc"}
# a compilation's policy, its title alone on a line
# 《九江市鼓励企业加大研发投入奖补办法》, or a digest's 📢 政策二：关于开展…申报工作的通知
_POLICY_LABEL = r"(?:政策|文件)[一二三四五六七八九十\d]{1,3}\s*[：:]\s*"
_POLICY_LINE = re.compile(
    rf"^(?:{_POLICY_LABEL})?《(?P<title>[^《》]{{4,60}})》$"
    rf"|^{_POLICY_LABEL}(?P<named>[^。；，,《》]{{4,60}}(?:通知|办法|措施|细则|方案|政策|指南|意见|规定))$"
)
_SUPPORT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万|亿)?元|[一二三四五六七八九十百千]+(?:万|亿)元"
    r"|奖励|奖补|补助|补贴|资助|贴息|返还|扶持资金|资金支持|专项资金|担保|贷款|减免|减征|免征|免收|退税|抵免|加计扣除|租金|免租"
    r"|(?<=[\u4e00-\u9fff])(?<![证债彩])券|一次性|事后奖|给予|授予|认定为|予以.{0,6}支持"
)
_ORGANISATIONAL = re.compile(
    r"^(?:总则|附则|目的|依据|宗旨|原则|基本原则|指导思想|总体要求|工作目标|发展目标|主要目标|目标任务|定义|释义"
    r"|适用范围|支持对象|扶持对象|职责分工|部门职责|职责|组织领导|组织实施|保障措施|工作保障|组织保障|资金来源"
    r"|资金管理|资金使用|资金拨付|预算管理|监督管理|监督检查|绩效评价|绩效管理|考核评价|法律责任|责任追究|违规处理"
    r"|信息公开|其他|其他事项|附件|施行日期|实施日期|有效期|解释|工作要求|有关要求|管理与监督|监督与管理|审核与管理"
    r"|申报程序|申报流程|办理程序|审核程序|评审程序|申报材料|申报时间|联系方式|项目管理|政策兑现|兑现程序|兑现流程)"
)
# An article that states who may take part: 申请条件：, 进入…名单的条件要求：, 支持对象为…
# 市经信局负责全市…的认定和管理工作 / 区科技局负责受理、审核: the body that runs a scheme
# 区工信局为本政策的牵头单位: the body that leads the whole policy runs every measure no note assigns
_LEADS = re.compile(
    r"(?P<body>[\u4e00-\u9fff（）()]{3,20}?)为本(?:政策|措施|办法|细则|方案)的?牵头(?:单位|部门)"
)
# 由区商务局会同区工信局分别给予 / 区工信局负责组织项目申报 / 租金补贴由区商务局受理: who runs a measure,
# told in its own words
_SHORT_BODY = (
    r"(?:[区市县省]|[\u4e00-\u9fff]{2,6}?[区市县省])[\u4e00-\u9fff]{1,10}?(?:局|委员会|委|厅|办公室|中心)"
)
# (not 所需资金由区财政局负责: who pays is not who runs it)
# (not 对经省工信厅认定的…: the body that recognised a title does not run the measure that pays for it)
_DOER_ACT = r"(?:负责)?(?:受理|核定|审核|组织|发放|兑付|评审|核准|分别给予|给予)"
_DOER = re.compile(
    rf"由(?P<body>{_SHORT_BODY}(?:会同{_SHORT_BODY})?){_DOER_ACT}"
    rf"|(?:^|[。；])(?![对经向])(?P<body2>{_SHORT_BODY}(?:会同{_SHORT_BODY})?){_DOER_ACT}"
)
# 第十一条 政策兑现。第二条、第三条、第四条由区经发局受理；第九条由…金融发展局受理: which body
# accepts each article's applications
_ACCEPTS = re.compile(
    r"(?P<refs>(?:第(?:[一二三四五六七八九十百\d]{1,4}[、，,和及至])*[一二三四五六七八九十百\d]{1,4}条[、，,和及至]?)+)"
    # (…由区投资促进局负责； / 负责受理 / 兑现 / 办理)
    r"[^；;。]{0,24}?由(?P<body>[^，,；;。由]{3,30}?)(?:(?:负责)?(?:受理|兑现|办理)|负责(?=[；;。，,]))"
)
_RUNS = re.compile(
    r"(?:^|[。；，,]|条\s*)(?:[^，。；]{0,12}?由)?(?P<body>[\u4e00-\u9fff（）()、]{3,40}?)(?:牵头)?负责"
    r"(?:全[省市区县]|本[省市区县])?"
    r"(?:[^，。；]{0,30}?(?:认定|评定|遴选|评选)(?:[和及与、]?(?:管理|评审|推荐))*工作|本(?:办法|措施|政策|细则)的?组织实施|(?:专项)?资金的?(?:使用)?管理"
    r"|[^，。；]{0,20}?(?:申报|项目)的?(?:受理|审核|组织)|组织(?:申报|实施)|受理[、和及与]?审核)"
)
# what a government body's name ends with (市工信局, 区科技和工业信息化局, 市发展改革委, 管委会)
_BODY_END = re.compile(r"(?:局|委|委员会|厅|办|办公室|部|管委会|政府|中心|署)[）)]?$")
_SITE_FURNITURE = re.compile(r"版权所有|ICP备|网站标识码|公网安备|网站地图|主办单位\s*[:：]|技术支持\s*[:：]")
_CONDITION_LEAD = re.compile(r"(?:条件|资格|准入|对象)(?:要求)?(?:如下)?[：:]|(?:条件|资格)(?:要求)?\s*$")
_ORGANISATIONAL_WORDS = re.compile(
    r"附则|解释|施行|保障措施|监督|监管|法律责任|资金管理|职责分工|组织领导|资金保障|组织保障|工作保障|组织实施"
)
# the labels of a note saying who carries a measure out
_DUTY_HEADS = r"牵头单位|责任单位|牵头部门|责任部门|执行部门|实施部门|主管部门|承办单位"
_RESPONSIBLE = re.compile(
    rf"[（(]?\s*(?P<head>{_DUTY_HEADS})\s*[:：]\s*"
    # 市委组织部（人才办）、…; not the 配合单位 after a ；, who help but do not run it
    r"(?P<body>(?:[^（）()\n；;]|[；;](?!\s*(?:配合|协办|参与|协同|支持))|[（(][^（）()\n]{0,12}[）)]){2,120})[）)]?"
)
# （省工业和信息化厅、省发展改革委按职责分工负责）: who carries out the measure, after it
_DUTY_NOTE = re.compile(
    r"[（(〔]\s*(?P<body>(?:[^（）()〔〕\n；;。]|[（(][^（）()\n]{0,12}[）)]){2,120}?"
    r"(?:局|委|委员会|厅|办|办公室|部|管委会|政府|中心|署|分行|监管局))等?"
    r"(?P<head>按职责分工负责|按职责分工落实|分别负责|共同负责|负责|牵头负责|牵头)(?=[）)〕；;，,])"
)
_CONTACT_LINE = re.compile(
    r"^【?(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])?\s*(?:联系人|联系电话|咨询电话|联系方式|电话|咨询|受理|经办机构|经办单位|承办单位|政策咨询|业务咨询|服务热线|咨询热线)"
)
# The issuing body signing a notice or named before 关于 in its title.
_BODY = r"[\u4e00-\u9fff]{4,30}(?:局|厅|委员会|委|人民政府|办公室|办公厅|管理委员会)"
_DATE = r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
# the signature: the body alone, or with the date on the same line (东莞市经济和信息化局 2017年7月20日)
_SIGNATURE = re.compile(rf"^(?P<body>{_BODY})(?:\s*{_DATE})?$")
# who issues a notice, before 关于 in its title: 西安市发改委 (an abbreviation), after 转发 when it forwards
_TITLE_ISSUER = re.compile(rf"^(?:转发)?(?:{_BODY}|[\u4e00-\u9fff]{{2,12}}(?:委|办))$")
# What closes a notice after its last item: 附件 lists, 抄送, the date, the issuing body.
_CLOSING = re.compile(rf"^(?:附件\s*\d*\s*[:：]?|抄送\s*[:：]|{_DATE}$|{_BODY}(?:\s*{_DATE})?$)")
# 《若干措施》自2026年4月1日起施行: the text's closing words, after its last measure
_IN_FORCE = re.compile(r"^(?:本|《[^》]{2,40}》)[^。；]{0,12}?自[^。；]{0,16}?起(?:施行|实施|执行)")
# A government (人民政府, its 办公厅) issues policies that its departments carry out.
_GOVERNMENT = re.compile(r"人民政府|政府办公|办公厅$|委员会办公室$|^国务院")
_CONTACT_LABEL = re.compile(
    r"(?:联系人|联系电话|咨询电话|联系方式|咨询热线)\s*[:：]|(?:^|[，,。；;\s])(?:政策咨询|业务咨询|咨询|电话)\s*[:：]"
)
# 第五条（专利奖奖励）对获得…: an article's heading in brackets before its text
_PAREN_HEAD = re.compile(r"^\s*[（(](?P<head>[\u4e00-\u9fff“”、]{2,16})[)）](?=\s*\S)")
_BRACKET_HEAD = re.compile(r"^\s*[【\[](?P<head>[^】\]\n]{2,40})[】\]]")
_RUN_IN_HEAD = re.compile(r"^(?P<head>[^。：:；;，,\n]{2,30}?)\s*[。：:]")
_HEADING_MAX = 30
# What a measure's heading does first (支持技术改造, 推动企业规模扩张, 降低企业融资成本): a policy's verbs
_MEASURE_VERB = (
    r"(?:支持|推动|推进|培育|建设|鼓励|加快|加强|加大|强化|优化|降低|提升|促进|引导|实施|落实|完善|深化|扩大|发展"
    r"|打造|做大|做强|做优|激励|奖励|开展|提高|保障|减轻|拓展|助力|健全|壮大|提振|稳定|帮助|构建|营造|开拓|用好|大力"
    r"|实行)"
)
_HEAD_LINE = re.compile(rf"^{_MEASURE_VERB}[\u4e00-\u9fff（）()“”、]{{2,16}}$")
_RUN_IN_MEASURE = re.compile(rf"^{_MEASURE_VERB}[\u4e00-\u9fff（）()“”、]{{2,16}}。(?=\S{{10}})")
# （责任单位：市工业和信息化局、市财政局）: a note on the measure above
_NOTE_LINE = re.compile(rf"^[（(][^）)]{{0,6}}(?:{_DUTY_HEADS}|配合单位)")
# 在推动企业上规模方面，对…: a press conference tells each measure by its aspect (after a 谢谢您的提问。)
_ASPECT = re.compile(
    rf"^(?:[^。，\n]{{0,16}}。)?在(?P<head>{_MEASURE_VERB}[\u4e00-\u9fff（）()“”、]{{2,16}})方面[，,]"
)


# what counts measures told within a paragraph, and the article a heading cites
_TOLD_COUNT = re.compile(r"^(?:[一二三四五六七八九十]是|另?一方面[，,])")
_CITED = re.compile(r"（第[^）]{1,8}条）$")
# 一是鼓励企业升规入统，对…: after a count, a short lead phrase closed by a comma is the heading too
_TOLD_LEAD = re.compile(rf"^(?:{_MEASURE_VERB}|发放|提供)[\u4e00-\u9fff（）()“”、]{{2,14}}(?=[，,])")
_ASPECT_ON = re.compile(r"^在(?P<head>[\u4e00-\u9fff]{2,10})上（第[^）]{1,8}条）[，,]")


def _measure_head(line: Clean) -> Clean:
    """The heading a paragraph opens with, when it opens with one: a run-in phrase (推动企业规模扩张。)
    or an aspect (在推动企业上规模方面，, 在贷款贴息上（第四条），); else nothing. A count before it
    (一是, 另一方面，) and the article it cites after it (（第七条）) are no part of it."""
    text = line.text.strip()
    body = line[len(line.text) - len(line.text.lstrip()) :]
    if (count := _TOLD_COUNT.match(text)) is not None:
        text, body = text[count.end() :], body[count.end() :]
        if not _RUN_IN_MEASURE.match(text) and (lead := _TOLD_LEAD.match(text)) is not None:
            return body[: lead.end()]
    if (m := _RUN_IN_MEASURE.match(text)) is not None:
        head = body[: m.end() - 1]
        cite = _CITED.search(head.text)
        return head[: cite.start()] if cite is not None and cite.start() >= 4 else head
    if (m := _ASPECT.match(text) or _ASPECT_ON.match(text)) is not None:
        return body[m.start("head") : m.end("head")]
    if _HEAD_LINE.match(text):
        return body[: len(text)]
    return _EMPTY


# 问：… / Q1：…: the question a 政策问答 item asks, which names what its answer tells
# 专项一：专精特新企业培育 / 方向2：… on a line of its own
_LABEL_LINE = re.compile(
    r"^(?:专项|方向|类别|专题|板块|支持方向|重点方向|申报方向)(?P<n>[一二三四五六七八九十]{1,3}|\d{1,2})\s*[：:]\s*"
    r"[^。；;，,：:]{2,24}$"
)
# 【政策依据】《若干措施》第二条 支持企业升规入统: the article an answer explains, and its title
_CITED_ARTICLE = re.compile(
    r"^\s*[【\[]?(?:政策依据|依据|政策出处)[】\]]?\s*[:：]?\s*《[^》]{2,40}》\s*第[一二三四五六七八九十百\d]{1,4}条\s*"
    r"(?P<title>[\u4e00-\u9fff（）“”、]{2,24})\s*$"
)
_QUESTION = re.compile(r"^(?:问|Q\d{0,2})\s*[：:]\s*(?=\S[^\n]{3,60}[？?]\s*$)")
_CLAUSE_MAX = 40  # a clause that names a measure by what it gives runs longer than a heading
# A measure's own words state what it pays and to whom together ("对认定为…的企业给予…奖励"):
# they are read as its benefit field, where both benefits and the titles it is paid for are found.
_MEASURE = FieldName.BENEFIT
# a section that states who may apply for each of its items (推荐范围和条件), not what they pay
_CONDITIONS_SECTION = re.compile(r"条件$|条件和要求$|条件及要求$")
# A title naming rules for one scheme (…助保贷业务管理办法), not a collection of measures (若干措施).
_ONE_SCHEME = re.compile(
    r"^(?!.*若干).*(?:办法|细则|规程|规则)(?:（[^）]*）)?》?(?:的通知)?(?:[（(].*[)）])?$"
)
# 撤销其资格，并追回已拨付的奖励资金: money taken back, not paid
_BY_TIERS = re.compile(r"(?:分档|分级|分类|按档次)[^。；：:]{0,12}(?:给予|予以)[^。；：:]{0,12}[：:]$")
_CLAWBACK = re.compile(r"追回|收回|退回|撤销")
# …认定管理办法, …评价办法: the rules of a scheme that confers a title (not of a fund: 资金管理办法)
_RECOGNITION_SCHEME = re.compile(
    r"^(?!.*资金).*(?:认定|评定|评价|遴选|评选)(?:[和与及]\w{0,4})?(?:管理)?(?:办法|细则|规程|规则)"
)
_PROCEDURAL = (FieldName.WINDOW, FieldName.PROCEDURE, FieldName.MATERIALS, FieldName.CONTACT)
# a section about applying (申报时间及方式), not a measure about it (优化申报流程, 提升申报材料质量)
_PROCEDURAL_HEAD = re.compile(r"(?:申报|申请|报送|受理|联系|咨询|办理|材料|时间)")
# An untitled article about the text itself, not a measure: who carries it out, when it applies,
# how it combines with other policies
_ORGANISATIONAL_ARTICLE = re.compile(
    r"本(?:措施|办法|细则|政策|方案|规定|意见)(?:具体)?(?:由[^。；，]{2,24}?负责|自[^。；]{0,16}?起(?:施行|实施))"
    r"|同时符合[^。；]{0,60}?(?:从高|就高|不重复)"
)
_GIVES_CLAUSE = re.compile(r"给予|予以|奖励|补助|补贴|资助|贴息")
_CLAUSE_STOP = re.compile(r"[，,。；;：:]")
# a first clause that sets the circumstances (本政策实施期间, 海珠区每年将根据…情况), not the measure
_CIRCUMSTANCE = re.compile(r"期间|期内|每年|根据|按照|为了|^为")
# An article that pays a stated sum: 给予…50万元奖励, 奖励100万元, 每家补助10万元
_PAYS = re.compile(
    r"(?:给予|奖励|补助|补贴|资助|奖补)[^。；]{0,30}?\d+(?:\.\d+)?\s*(?:万|亿)?元"
    r"|\d+(?:\.\d+)?\s*(?:万|亿)元[^。；]{0,6}(?:奖励|补助|补贴|资助|奖补)"
)
# A notice that calls for one application (关于组织申报…项目的通知, …兑现申报工作的通知), not one that
# issues a policy (关于印发…的通知): one program, whatever its sections are called.
_CALL = re.compile(
    r"关于(?!印发|转发|发布)[^《》]*?(?:申报|兑现|征集|推荐|遴选|评选|申请)(?:工作)?的(?:通知|公告)(?:[（(].*[)）])?$"
)
_DOC_KIND = re.compile(r"(?:通知|办法|措施|细则|方案|政策|指南|意见|规定|公告)(?:[（(].*[)）])?$")
_MARKUP_LEAD = re.compile(r"^(?:#{1,6}\s*|\*\*|<b>|<strong>)*", re.I)
# Header lines of a collected page ("发布机构：…", "来源：…") before the text proper.
_META = re.compile(
    r"^(?:发布机构|发文机关|发布机关|发文单位|来源|部门|牵头单位|政策标题|标题|政策名|TITLE|SOURCE)\s*[:：]\s*(?P<value>.+)$"
)


@dataclass
class _Node:
    depth: int
    marker: Marker | None
    heading: Clean  # the measure's name as printed (may be empty)
    titled: bool  # the heading is a title (【…】, a line of its own, a run-in phrase), not a short sentence
    line: int  # index of its first line
    end: int = -1  # index after its last line (children included)
    children: list[_Node] = field(default_factory=list)
    parent: _Node | None = None


def read_prose(text: str) -> tuple[list[Unit], dict[str, str | None]]:
    """Units of a prose document, offsets pointing into `text`; the dict holds its title and issuer."""
    # the view's characters carry their document offsets, so units built from it need no remapping
    return _Reader(repair(text), text).read()


class _Reader:
    def __init__(self, view: Clean, source: str) -> None:
        self.view = view
        self.source = source  # the document text the view's offsets point into
        self.lines = _run_together(_split(view))
        self.meta: dict[str, str | None] = {"title": None, "issuer": None}

    # ------------------------------------------------------------------ outline

    @cached_property
    def accepting(self) -> dict[int, list[TextField]]:
        """Article number -> the bodies a 政策兑现 article says accept its applications."""
        out: dict[int, list[TextField]] = {}
        # read across line breaks: a PDF's lines cut 第二条、第三条、\n第六条…由区经发局受理
        for line in [concat(self.lines)] if self.lines else []:
            for m in _ACCEPTS.finditer(line.text):
                refs = _article_numbers(m.group("refs"))
                body = line[m.start("body") : m.end("body")]
                # …由规划与技术改造科负责，电话0730-8232516: the office's phone, said with it
                phone = _ITS_PHONE.match(line.text, m.end())
                for n in refs:
                    out.setdefault(n, []).append(_text_field(FieldName.DEPARTMENT, body, "受理"))
                    if phone is not None:
                        said = line[m.start("body") : phone.end()]
                        out[n].append(_text_field(FieldName.CONTACT, said, "联系方式"))
        return out

    @cached_property
    def articled(self) -> bool:
        """Whether the text numbers anything 第N条 (else 第N条 in a 解读 counts its numbered measures)."""
        return any(
            (mk := parse_marker(t := ln.text.strip())) is not None
            and mk.style == "art"
            and not _ACCEPTS.match(t)
            for ln in self.lines
        )

    @cached_property
    def measures(self) -> tuple[list[tuple[_Node, str]], list[TextField]]:
        """The measure nodes with their sections, and the fields every program shares."""
        root = self._root
        shared: list[TextField] = []
        programs: list[tuple[_Node, str]] = []
        self._visit(root, programs, shared, top=True)
        shared.extend(self._loose_lines(root, programs))
        return programs, shared

    def read(self) -> tuple[list[Unit], dict[str, str | None]]:
        programs, shared = self.measures
        title = self.meta.get("title") or self._first_title()
        # sections named like fields (准入条件, 考核及退出机制) are a scheme's rules, not its measures
        titled = sum(
            1 for n, _ in programs if n.titled and not _FIELDISH.search(normalize_heading(n.heading.text))
        )
        # …奖励办法 whose articles each pay their own sums (第五条 给予…50万元奖励) are measures
        paying = sum(1 for n, _ in programs if _PAYS.search(self._text(n.line, n.end)))
        # a call whose directions each have a title and a sum of their own calls for several programs
        # (as does one whose items each state who may be put forward for them: 推荐范围和条件 （一）…)
        conditioned = sum(
            1
            for n, _ in programs
            if n.parent is not None and _CONDITIONS_SECTION.search(n.parent.heading.text)
        )
        call = calls_for_one(title or "") and not (titled >= 2 and paying >= 2) and conditioned < 2
        one_scheme = call or bool(title and _ONE_SCHEME.search(title))
        rules = titled <= 0.2 * len(programs) and paying < max(3, 0.3 * len(programs))
        if programs and (call or (one_scheme and rules)):
            # the untitled articles of a 管理办法 for one scheme are its rules, not measures; the
            # sections of a call for applications are that one call's
            # a recognition scheme's articles that pay for the title (对新认定的…给予奖励30万元) are
            # programs of their own: the recognition confers the title, they pay its holders
            paid = (
                [
                    (n, sec)
                    for n, sec in programs
                    if _PAYS.search(self._text(n.line, n.end))
                    and not _CLAWBACK.search(self._text(n.line, n.end))
                ]
                if not call and _RECOGNITION_SCHEME.search(title or "")
                else []
            )
            rules = [n for n, _ in programs if all(n is not p for p, _ in paid)]
            units = [self._scheme_unit(title, rules or [n for n, _ in programs], shared)]
            units += [self._unit(n, sec, shared) for n, sec in paid] if rules else []
        else:
            units = [self._unit(node, section, shared) for node, section in programs]
            units = self._policy_contacts(programs, units)
        if not units and (notice := self._notice_unit(shared)) is not None:
            units = [notice]
        if not units and one_scheme and (call or _SUPPORT.search(self.view.text)):
            # a call whose sections are all procedure (兑现 of a policy published elsewhere), or the
            # rules of one fund whose articles all sit under 总则/职责 (…补助资金管理办法)
            units = [self._scheme_unit(title, [self._root], shared)]
        head = (title or "").split("关于", 1)[0].replace(" ", "")
        if not self.meta.get("issuer") and not ("关于" in (title or "") and _TITLE_ISSUER.match(head)):
            # a notice whose guide is attached below it signs above the attachment: the body, the date
            for i, (line, after) in enumerate(zip(self.lines, self.lines[1:], strict=False)):
                if _SIGNATURE.match(line.text.strip()) and re.fullmatch(_DATE, after.text.strip()):
                    # 江苏省发展改革委 / 江苏省财政厅 / 2026年1月22日: every body that signs, one per line
                    first = i
                    while first > max(0, i - 4) and _SIGNATURE.match(self.lines[first - 1].text.strip()):
                        first -= 1
                    self.meta["issuer"] = "、".join(_signers(self.lines[first : i + 1]))
                    break
        issuer = self._issuer_field(title or "")
        if issuer is not None and not _GOVERNMENT.search(issuer.text):
            # measures a department issues for itself are run by it, unless a note names another
            units = [
                u if u.get(FieldName.DEPARTMENT) else replace(u, fields=(*u.fields, issuer)) for u in units
            ]
        units = route_named_contacts(self.source, units)
        # (a measure's own 这部分政策由市科技局负责组织实施 runs that measure, not the others)
        inside = {k for n, _ in programs for k in range(n.line, n.end)} if units and programs else set()
        if runs := self._runs_it(inside):
            # 第二条 市工信局、市财政局负责专项资金的管理: they run every measure no note assigns
            units = [
                u if u.get(FieldName.DEPARTMENT) else replace(u, fields=(*u.fields, *runs)) for u in units
            ]
        return units, self.meta

    def _first_title(self) -> str | None:
        """A title line near the top (# heading, or a line naming a document kind)."""
        for line in self.lines[:12]:
            text = _MARKUP_LEAD.sub("", line.text).strip(" *")
            if site_record(text):
                continue  # 当前位置：首页 > 政务公开 > 通知公告 / 信息分类：通知
            if 6 <= len(text) <= 80 and _DOC_KIND.search(text) and parse_marker(text) is None:
                self.meta["title"] = text
                return text
        return None

    def _scheme_unit(self, title: str, nodes: list[_Node], shared: list[TextField]) -> Unit:
        fields = [self._field(self._scheme_field(n), n.line, n.end, "") for n in nodes]
        for n in nodes:
            fields.extend(self._responsible(n))
        if not any(f.name == FieldName.DEPARTMENT for f in (*fields, *shared)):
            fields.extend(self._runs_it())
        fields.extend(self._condition_articles(nodes))
        fields.extend(shared)
        named = self._named(title, fields[0].offsets[0])
        return Unit(UnitKind.PROGRAM, named.text, named.offsets, tuple(fields))

    def _runs_it(self, skip: set[int] | frozenset[int] = frozenset()) -> list[TextField]:
        """第三条 市经信局负责全市专精特新中小企业的认定和管理工作: the body a scheme's rules say runs it
        (read outside the lines in `skip`)."""
        found = [
            (line, m)
            for k, line in enumerate(self.lines)
            if k not in skip
            for m in _RUNS.finditer(line.text)
            if _BODY_END.search(m.group("body"))  # not 项目承担单位负责专项资金的使用管理
        ]
        if not found:
            leads = [(line, m) for line in self.lines for m in _LEADS.finditer(line.text)]
            if leads and _BODY_END.search(leads[0][1].group("body")):
                line, m = leads[0]
                return [_text_field(FieldName.DEPARTMENT, line[m.start("body") : m.end("body")], "负责")]
            return []
        # the body that recognises or runs it comes before one that only manages the money
        line, m = min(found, key=lambda f: bool(re.search(r"资金", f[1].group())))
        return [_text_field(FieldName.DEPARTMENT, line[m.start("body") : m.end("body")], "负责")]

    def _scheme_field(self, node: _Node) -> FieldName:
        """What an article of one scheme's rules states: its conditions where it or its chapter says so
        (第二章 认定条件 / 申请认定的企业应具备以下条件：), its procedure under 认定程序, else its support."""
        own = self._text(node.line, node.children[0].line if node.children else node.end)
        if node.marker is not None and node.marker.style == "art" and _CONDITION_LEAD.search(own[:80]):
            return FieldName.CONDITIONS
        p = node.parent
        while p is not None and p.depth >= 0:
            if p.marker is not None and p.marker.style in ("chap", "sect"):
                name = lexicon().lookup(normalize_heading(p.heading.text), loose=True)
                if name in (FieldName.CONDITIONS, FieldName.PROCEDURE, FieldName.MATERIALS):
                    return name
            p = p.parent
        return _MEASURE

    def _named(self, title: str, anchor: int) -> Clean:
        """What a notice or a scheme's rules are for (its title without 关于印发…的通知), with the
        offsets of those words in the title where the text prints it, else pointing at `anchor`."""
        name = _notice_name(title)
        at = self.view.text.find(title)
        if at < 0:
            return Clean(name, (anchor,) * len(name))
        tclean = self.view[at : at + len(title)]
        k = title.find(name)
        return tclean[k : k + len(name)] if k >= 0 else tclean

    @cached_property
    def _root(self) -> _Node:
        return self._outline()

    def _condition_articles(self, taken: list[_Node]) -> list[TextField]:
        """Articles of a scheme's rules that say who may take part, though they offer nothing
        (第二十二条 进入“…名单”的条件要求：本区省级及以上“专精特新”中小企业…直接列入): its conditions."""
        taken_lines = {n.line for n in taken}
        out: list[TextField] = []

        def walk(node: _Node) -> None:
            for child in node.children:
                if child.line in taken_lines:
                    continue
                own = self._text(child.line, child.children[0].line if child.children else child.end)
                if (
                    child.marker is not None
                    and child.marker.style == "art"
                    and _CONDITION_LEAD.search(own[:80])
                ):
                    out.append(self._field(FieldName.CONDITIONS, child.line, child.end, ""))
                else:
                    walk(child)

        walk(self._root)
        return out

    def _headed_paragraphs(self) -> set[int]:
        """Lines that head an unnumbered measure in a text with no outline numbering: a short line
        of its own ("支持技术改造" above its paragraph) or a run-in phrase ("推动企业规模扩张。对…"),
        worded as what the measure does. Three at least, or the text has none."""
        numbered = sum(
            1
            for ln in self.lines
            if (mk := parse_marker(ln.text.strip())) is not None and mk.style not in ("blt", "brk")
        )
        if numbered >= 2:
            return set()
        heads = set()
        for i, line in enumerate(self.lines):
            text = line.text.strip()
            below = self.lines[i + 1].text.strip() if i + 1 < len(self.lines) else ""
            above_its_text = len(below) > len(text) + 10 and not _HEAD_LINE.match(below)
            if (_HEAD_LINE.match(text) and above_its_text) or _measure_head(line):
                heads.add(i)
        return heads if len(heads) >= 3 else set()

    def _outline(self) -> _Node:
        root = _Node(-1, None, _EMPTY, False, 0, len(self.lines))
        headed = self._headed_paragraphs()
        # 《九江市鼓励企业加大研发投入奖补办法》 alone on its line, twice or more: a compilation's
        # policies, each numbering its measures afresh
        policies = [
            i for i, ln in enumerate(self.lines) if _POLICY_LINE.match(SYMBOL_LEAD.sub("", ln.text.strip()))
        ]
        policies = policies if len(policies) >= 2 else []
        paragraph_head: int | None = None  # the line of the run-in heading whose paragraph is open
        stack: list[_Node] = [root]
        styles: list[str] = []
        last: dict[str, int] = {}
        seen: dict[str, int] = {}  # the last number of each style, kept when its level closes
        for i, line in enumerate(self.lines):
            text = line.text
            self._meta_line(text)
            lead = _MARKUP_LEAD.match(text).end()  # markdown "## 第二章", "**一、…**"
            marker = parse_marker(text[lead:])
            if marker is None and (label := _LABEL_LINE.match(text[lead:].strip())) is not None:
                # 专项三：中小企业数字化转型 alone on its line: a direction numbered by its label
                marker = Marker("lbl", cn_number(label.group("n")) or int(label.group("n") or 0), 0)
            if marker is None and i in headed:
                marker = Marker("head", 0, 0)
            if i in policies:
                marker = Marker("doc", 0, 0)
                styles.clear()
                last.clear()
                seen.clear()
            if marker is None:
                closing = _IN_FORCE.match(SYMBOL_LEAD.sub("", text.strip())) and not _GIVES_CLAUSE.search(
                    text
                )
                if paragraph_head is not None and not _NOTE_LINE.match(text.strip()):
                    # a paragraph headed by its phrase ends with it (and its 责任单位 note): what
                    # follows (a reporter's question, the contacts) is no part of the measure
                    closing = True
                    paragraph_head = None
                if closing and len(stack) > 1:
                    # 📌《若干措施》自2026年4月1日起施行: the measures end here; what follows (a Q&A,
                    # the contacts) is no measure's text
                    while len(stack) > 1:
                        stack.pop().end = i
                continue
            style = marker.style
            if style == "blt" and styles and "blt" not in styles:
                continue  # ● 在莲都区注册纳税 under 一、…: a measure's bullet points, not measures
            if style in styles:
                depth = styles.index(style)
                if style not in _RUNNING and marker.number != last.get(style, 0) + 1 and marker.number != 1:
                    continue  # "3." in a sentence, not the next item
            else:
                # a new list starts at 1; （四） after 二、 continues the （三） of 一、 (numbered through)
                # (41．问：… a Q&A published in parts numbers its questions on from the part before)
                asks = _QUESTION.match(text[lead + marker.length :].strip()) is not None
                if style not in _RUNNING and marker.number not in (1, seen.get(style, 0) + 1) and not asks:
                    continue
                styles.append(style)
                depth = len(styles) - 1
            del styles[depth + 1 :]
            for s in list(last):
                if s not in styles:
                    del last[s]
            last[style] = seen[style] = marker.number
            while stack[-1].depth >= depth:
                stack.pop().end = i
            if style == "doc":
                heading, titled = line.strip(), True
                symbols = SYMBOL_LEAD.match(heading.text)
                skip = symbols.end() if symbols else 0
                policy = _POLICY_LINE.match(heading.text[skip:])
                if policy:
                    start, end = policy.span(policy.lastgroup)
                    heading = heading[skip + start : skip + end]
            elif style == "head":
                heading, titled = _measure_head(line), True
                paragraph_head = i if len(heading) < len(line.text.strip()) else None
            else:
                heading, titled = _heading(line, lead + marker.length)
            if not line.text[lead + marker.length :].strip() and i + 1 < len(self.lines):
                # 01 / 第三条 alone on its line: the heading is the line below, when it is one
                below = self.lines[i + 1]
                if parse_marker(below.text) is None and len(below.text.strip()) <= _HEADING_MAX:
                    heading, titled = _heading(below, 0)
            node = _Node(depth, marker, heading, titled, i, parent=stack[-1])
            stack[-1].children.append(node)
            stack.append(node)
        # The closing contact lines after the last item (联系人：…) are the notice's, not that item's,
        # unless every item has one of its own (一、… 政策咨询：… 二、… 政策咨询：…).
        cut = len(self.lines)
        last = stack[-1].line if len(stack) > 1 else len(self.lines)
        first = root.children[0].line if root.children else last
        own = any(_is_contact_line(self.lines[i].text.strip()) for i in range(first, last))
        # (in a compilation, each policy's closing contacts are its own: the last one's too)
        own = own or bool(policies)
        for i in range(last + 1, len(self.lines)):
            text = SYMBOL_LEAD.sub("", self.lines[i].text.strip())
            in_force = _IN_FORCE.match(text) and not _GIVES_CLAUSE.search(text)
            if (_CONTACT_LINE.match(text) and not own) or _CLOSING.match(text) or in_force:
                cut = i
                break
        # the signature after the text: the issuing body (and the date) name the issuer
        first = next((k for k in range(cut, len(self.lines)) if self._signature(k)), None)
        if first is not None and not self.meta.get("issuer"):
            self.meta["issuer"] = "、".join(_signers(self.lines[first:]))
        for node in stack[1:]:
            node.end = cut
        self._fold_follow_ups(root)
        return root

    def _fold_follow_ups(self, node: _Node) -> None:
        """A Q&A whose answers cite the article they explain (【政策依据】《若干措施》第二条 支持企业升规入统):
        each such answer is a measure named by that article, and a question citing none that follows
        it (…今年又重新入规，还能享受首次入规奖励吗？) asks more about the same measure."""
        for child in node.children:
            self._fold_follow_ups(child)
        asked = [c for c in node.children if self._asks(c)]
        cited = {id(c): self._cited_title(c) for c in asked}
        if sum(1 for t in cited.values() if t is not None) < 2:
            return
        kept: list[_Node] = []
        for c in node.children:
            title = cited.get(id(c))
            if id(c) in cited and title is None and kept and cited.get(id(kept[-1])) is not None:
                kept[-1].end = c.end  # a follow-up question: part of the measure above
                continue
            if title is not None:
                c.heading = title
            kept.append(c)
        node.children = kept

    def _asks(self, node: _Node) -> bool:
        line = self.lines[node.line]
        rest = line.text[node.marker.length :] if node.marker else line.text
        return _QUESTION.match(rest.strip()) is not None

    def _cited_title(self, node: _Node) -> Clean | None:
        for i in range(node.line + 1, node.end):
            m = _CITED_ARTICLE.match(self.lines[i].text)
            if m is not None:
                return self.lines[i][m.start("title") : m.end("title")]
        return None

    def _signature(self, k: int) -> bool:
        """Whether line k is the issuing body signing the text, not an office above its phone
        number in a contact block (区金融工作局 / 0750-6629157)."""
        if not _SIGNATURE.match(self.lines[k].text.strip()):
            return False
        below = self.lines[k + 1].text if k + 1 < len(self.lines) else ""
        return not re.search(r"\d{7,8}", below)

    def _meta_line(self, text: str) -> None:
        m = _META.match(text.strip())
        if not m:
            return
        key = text.split("：", 1)[0].split(":", 1)[0].strip()
        value = m.group("value").strip()
        if key in ("TITLE", "政策标题", "标题", "政策名") and not self.meta["title"]:
            self.meta["title"] = value
        elif key in ("发布机构", "发文机关", "发布机关", "发文单位") and not self.meta["issuer"]:
            self.meta["issuer"] = value

    # ------------------------------------------------------------------ measures

    def _visit(self, node: _Node, out: list[tuple[_Node, str]], shared: list[TextField], top: bool) -> None:
        for child in node.children:
            head = normalize_heading(child.heading.text)
            fname = lexicon().lookup(head, loose=True) if head else None
            if top and fname in _PROCEDURAL and _PROCEDURAL_HEAD.match(head):
                # 三、申报程序 / 申报时间: the whole text's (a call's deadline is there), never a measure
                shared.append(self._field(fname, child.line, child.end, head))
                continue
            if _ORGANISATIONAL.match(head) or (len(head) <= 12 and _ORGANISATIONAL_WORDS.search(head)):
                continue
            if not child.titled and _ORGANISATIONAL_ARTICLE.match(self._own_text(child)):
                continue  # 第十条 本措施具体由…负责组织实施 / 同时符合…的，按照从高不重复的原则: no measure
            if child.marker is not None and child.marker.style in ("chap", "sect"):
                self._visit(child, out, shared, top=top)  # a chapter groups articles; it is no measure
                continue
            if child.marker is not None and child.marker.style == "doc":
                if (
                    not child.children
                    and calls_for_one(child.heading.text)
                    and _PAYS.search(self._text(child.line, child.end))
                ):
                    # 📢 政策二：关于开展…贷款贴息申报工作的通知 summed up in a digest: one call, one program
                    out.append((self._named_node(child), ""))
                    continue
                self._visit(child, out, shared, top=False)  # a policy's sections are its own, not shared
                continue
            if (
                child.marker is not None
                and child.marker.style in ("blt", "brk")
                and fname in (None, FieldName.LINK)
                and sum(1 for c in child.children if c.titled) >= 2
            ):
                # 📌 政策原文 over 一、…十、: a post's label for the policy it reprints, no field of it
                self._visit(child, out, shared, top=top)
                continue
            if (
                fname is not None
                and top
                and fname != FieldName.SUMMARY
                and not self._measures_under(child, fname)
            ):
                shared.append(self._field(fname, child.line, child.end, head))
                continue
            if not _SUPPORT.search(self._text(child.line, child.end)):
                continue
            titled = sum(1 for c in child.children if c.titled)
            if self._has_field_children(child):
                out.append((child, self._section(child)))  # 1.申报条件 2.奖励标准: one measure's fields
            elif titled >= 2 and self._in_tiers(child):
                out.append((child, self._section(child)))  # …分档给予项目资助：1．顶尖人才团队：… 2．…
            elif titled >= 2:
                self._visit(child, out, shared, top=False)  # a group of titled measures
            elif not titled and any(sum(1 for g in c.children if g.titled) >= 2 for c in child.children):
                # 二、工作重点 （一）着力夯实基础… 1.持续加大创新研发投入。…: groups of titled measures
                self._visit(child, out, shared, top=False)
            elif not titled and self._numbered_through(node, child):
                # （四）对…给予 under 二、 after （一）–（三） under 一、: items numbered on through the groups
                # are the text's measures, and the groups only their headings
                self._visit(child, out, shared, top=False)
            elif self._own_support(child) or not titled:
                # sub-items without headings of their own are the clauses of one measure
                out.append((child, self._section(child)))
            else:
                self._visit(child, out, shared, top=False)

    @staticmethod
    def _named_node(node: _Node) -> _Node:
        """The node, headed by what its notice calls for (2025年度中小微企业贷款贴息), not by the notice."""
        name = _notice_name(node.heading.text)
        k = node.heading.text.find(name)
        if k < 0 or not name:
            return node
        return replace(node, heading=node.heading[k : k + len(name)])

    def _measures_under(self, node: _Node, fname: FieldName) -> bool:
        """三、政策支持 23.降低算力使用成本。… 24.…: a section named like the benefit field that holds
        measures with headings of their own, not one measure's field."""
        if fname is not FieldName.BENEFIT:
            return False
        heads = [normalize_heading(c.heading.text) for c in node.children if c.titled]
        own = [h for h in heads if not _FIELDISH.search(h) and lexicon().lookup(h, loose=True) is None]
        return len(own) >= 2 and len(own) == len(heads)

    def _numbered_through(self, parent: _Node, group: _Node) -> bool:
        """Whether `group`'s sub-items each pay (给予…万元) and are numbered on from the group before."""
        items = group.children
        if len(items) < 2 or any(c.marker is None for c in items):
            return False
        if sum(1 for c in items if _PAYS.search(self._text(c.line, c.end))) < len(items) / 2:
            return False
        style = items[0].marker.style
        last = 0
        for g in parent.children:
            subs = [c for c in g.children if c.marker is not None and c.marker.style == style]
            if not subs:
                continue
            if last and subs[0].marker.number == last + 1:
                return True
            last = subs[-1].marker.number
        return False

    def _in_tiers(self, node: _Node) -> bool:
        """A measure that gives its support by tiers and lists them (经专家评审分档给予项目资助：):
        its items are the tiers of one measure, not measures."""
        stop = node.children[0].line if node.children else node.end
        return bool(_BY_TIERS.search(self._text(node.line, stop).strip()))

    def _own_support(self, node: _Node) -> bool:
        """Support stated in the node's own lines, before its first sub-item."""
        stop = node.children[0].line if node.children else node.end
        own = self._text(node.line, stop)
        head = node.heading.text
        return bool(_SUPPORT.search(own.replace(head, "", 1) if head else own))

    def _has_field_children(self, node: _Node) -> bool:
        return any(
            lexicon().lookup(normalize_heading(c.heading.text), loose=True) not in (None, FieldName.SUMMARY)
            for c in node.children
        )

    def _section(self, node: _Node) -> str:
        parts = []
        p = node.parent
        while p is not None and p.depth >= 0:
            parts.append(p.heading.text)
            p = p.parent
        return " / ".join(reversed([s for s in parts if s]))

    # ------------------------------------------------------------------ units

    def _unit(self, node: _Node, section: str, shared: list[TextField]) -> Unit:
        fields: list[TextField] = []
        # 一、推荐范围和条件 （一）省级企业技术中心 1．申报企业原则上应为…: what each item states is who may
        # be put forward for it, not what it pays
        parent = node.parent.heading.text if node.parent is not None else ""
        own_words = FieldName.CONDITIONS if _CONDITIONS_SECTION.search(parent) else _MEASURE
        sub = [c for c in node.children if self._child_field(c) is not None]
        if sub:
            first = sub[0].line
            if first > node.line:
                fields.append(self._field(own_words, node.line, first, ""))
            for c in node.children:
                name = self._child_field(c) or own_words
                fields.append(self._field(name, c.line, c.end, normalize_heading(c.heading.text)))
        else:
            fields.append(self._field(own_words, node.line, node.end, ""))
        cited = node.marker is not None and (
            node.marker.style == "art" or (node.marker.style == "ar" and not self.articled)
        )
        accepts = self.accepting.get(node.marker.number, []) if cited and node.marker else []
        fields.extend(self._responsible(node) or accepts or self._doers(node))
        # its own 政策咨询：…，电话：… line, printed under it
        own = [
            _text_field(FieldName.CONTACT, self.lines[i], "联系方式")
            for i in range(node.line + 1, node.end)
            if _is_contact_line(self.lines[i].text.strip())
        ]
        fields.extend(own)
        fields.extend(
            f
            for f in shared
            if f.name not in {x.name for x in fields} or (f.name == FieldName.CONTACT and not own)
        )
        title = node.heading or self._clause(node)
        number = node.marker.number if node.marker and node.marker.style in _NUMBERED_THROUGH else None
        article = next(
            (
                a.marker.number
                for a in self._lineage(node)
                if a.marker is not None and a.marker.style in ("art", "lbl")
            ),
            None,
        )
        return Unit(
            UnitKind.PROGRAM,
            title.text,
            title.offsets,
            tuple(fields),
            section=section,
            # (an item of 推荐范围和条件 is a title one is put forward for: no measure that pays holders)
            measure=own_words is _MEASURE,
            number=number,
            article=article,
        )

    @staticmethod
    def _lineage(node: _Node) -> list[_Node]:
        """The node and the nodes it sits in, nearest first."""
        out = []
        n: _Node | None = node
        while n is not None and n.depth >= 0:
            out.append(n)
            n = n.parent
        return out

    def _child_field(self, c: _Node) -> FieldName | None:
        name = lexicon().lookup(normalize_heading(c.heading.text), loose=True)
        return None if name == FieldName.SUMMARY else name

    def _own_text(self, node: _Node) -> str:
        line = self.lines[node.line]
        return (line[node.marker.length :] if node.marker else line).text.strip()

    def _clause(self, node: _Node) -> Clean:
        """A measure without a heading is named by its first clause, or by the first that says what
        it gives when the first does not (海珠区每年将根据…情况，依法在人才入户…等方面给予服务支持)."""
        line = self.lines[node.line]
        body = line[node.marker.length :] if node.marker else line
        pieces = []
        at = 0
        while True:
            m = _CLAUSE_STOP.search(body.text, at)
            pieces.append(body[at : m.start() if m else len(body.text)])
            if m is None or body.text[m.start()] == "。":
                break  # the first sentence only
            at = m.end()

        # the clause that says to whom (对首次认定为…的), else the one that says what is given, names
        # the measure: 本政策实施期间 or 海珠区每年将根据…情况 before them say neither
        def recipient(text: str) -> bool:
            return text.lstrip().startswith("对") or "的" in text

        first = pieces[0].text
        if recipient(first) or _GIVES_CLAUSE.search(first) or not _CIRCUMSTANCE.search(first):
            return pieces[0][:_HEADING_MAX].strip()
        chosen = next((p for p in pieces if recipient(p.text)), None)
        chosen = chosen or next((p for p in pieces if _GIVES_CLAUSE.search(p.text)), None)
        if chosen is None:
            return pieces[0][:_HEADING_MAX].strip()
        return chosen.strip()[:_CLAUSE_MAX].strip()

    def _doers(self, node: _Node) -> list[TextField]:
        """The bodies a measure's own words say run it (由区商务局会同区工信局分别给予…)."""
        out = []
        for i in range(node.line, node.end):
            line = self.lines[i]
            for m in _DOER.finditer(line.text):
                group = "body" if m.group("body") else "body2"
                body = line[m.start(group) : m.end(group)]
                out.append(_text_field(FieldName.DEPARTMENT, body, "受理"))
        return out

    def _responsible(self, node: _Node) -> list[TextField]:
        out = []
        for i in range(node.line, node.end):
            line = self.lines[i]
            for m in _RESPONSIBLE.finditer(line.text):
                out.append(
                    _text_field(FieldName.DEPARTMENT, line[m.start("body") : m.end("body")], m.group("head"))
                )
            for m in _DUTY_NOTE.finditer(line.text):
                body = m.group("body")
                if "资金" in body:
                    continue  # （所需资金由区财政局负责）: who pays, not who runs the measure
                # （…，市经信局负责） / （由市经信局负责）: the body named last, after the clause before it
                cut = max(body.rfind("，"), body.rfind(","), body.rfind("由")) + 1
                out.append(
                    _text_field(
                        FieldName.DEPARTMENT, line[m.start("body") + cut : m.end("body")], m.group("head")
                    )
                )
        return out

    @staticmethod
    def _policies(root: _Node) -> list[_Node]:
        return [c for c in root.children if c.marker is not None and c.marker.style == "doc"]

    def _policy_contacts(self, programs: list[tuple[_Node, str]], units: list[Unit]) -> list[Unit]:
        """A compilation prints each policy's 责任单位/联系电话 after its measures: those lines are the
        contacts of that policy's measures only (by item where they name items: 第1项，…；第2、3项，…)."""
        out = list(units)
        for policy in self._policies(self._root):
            mine = [k for k, (n, _) in enumerate(programs) if policy.line <= n.line < policy.end]
            inside = {i for k in mine for i in range(programs[k][0].line, programs[k][0].end)}
            contact = _labelled_phone_line
            # the contact lines that close the policy, even under its last measure, and those between
            trailing = set()
            for i in range(policy.end - 1, policy.line, -1):
                if self.lines[i].text.strip() and not contact(self.lines[i]):
                    break
                trailing.add(i)
            lines = [
                i
                for i in range(policy.line, policy.end)
                if (i in trailing or i not in inside)
                and self.lines[i].text.strip()
                and contact(self.lines[i])
            ]
            if not mine or not lines:
                continue
            ranges = [(self.lines[i].offsets[0], self.lines[i].offsets[-1] + 1) for i in lines]
            gone = {o for i in lines for o in self.lines[i].offsets}
            # (the last measure's own copy of the closing lines goes: they are the policy's)
            policy_units = [
                replace(
                    out[k],
                    fields=tuple(
                        f
                        for f in out[k].fields
                        if f.name != FieldName.CONTACT or not gone.intersection(f.offsets)
                    ),
                )
                for k in mine
            ]
            attached = attach_contact_sections(self.source, [("联系方式", ranges)], policy_units)
            for k, u in zip(mine, attached, strict=True):
                out[k] = u
        return out

    def _loose_lines(self, root: _Node, programs: list[tuple[_Node, str]]) -> list[TextField]:
        """Contact and responsibility lines outside every measure: the whole document's."""
        inside = set()
        for node, _ in programs:
            inside.update(range(node.line, node.end))
        inside.update(k for d in self._policies(root) for k in range(d.line, d.end))  # each policy's own
        # a note under a measure that pays nothing (强化用地保障 …（责任单位：市自然资源和规划局）) is that
        # measure's, not the document's
        taken = {id(n) for n, _ in programs}
        in_measure: set[int] = set()
        stack = list(root.children)
        while stack:
            n = stack.pop()
            stack.extend(n.children)
            if id(n) not in taken and (not n.children or (n.marker and n.marker.style == "head")):
                in_measure.update(range(n.line, n.end))  # a measure (or item) of its own, no program
        out = []
        for i, line in enumerate(self.lines):
            if i in inside:
                continue
            text = line.text.strip()
            if _SITE_FURNITURE.search(text):
                continue  # a web page's footer (版权所有 … 联系电话) is the site's, not the notice's
            if _labelled_phone_line(line):
                # 联系人：… or "…报送至市经信局技术进步与质量科。联系人：刘宇；联系电话：…" in a section
                # about submitting: the whole line, so the office named before the label is read too
                out.append(_text_field(FieldName.CONTACT, line, "联系方式"))
            elif i not in in_measure:
                for m in _RESPONSIBLE.finditer(text):
                    out.append(_text_field(FieldName.DEPARTMENT, line, m.group("head")))
        return out

    def _notice_unit(self, shared: list[TextField]) -> Unit | None:
        """A notice that calls for one application: one program named after what it calls for."""
        title = self.meta.get("title") or ""
        labelled = [
            f for f in shared if f.name in (FieldName.CONDITIONS, FieldName.BENEFIT, FieldName.PROCEDURE)
        ]
        if not labelled or not title:
            return None
        named = self._named(title, labelled[0].offsets[0])
        fields = list(shared)
        if not any(f.name == FieldName.DEPARTMENT for f in fields):
            # a notice that calls for applications is run by the body that issues it
            issuer = self._issuer_field(title)
            if issuer is not None:
                fields.append(issuer)
        return Unit(UnitKind.PROGRAM, named.text, named.offsets, tuple(fields))

    def _issuer_field(self, title: str) -> TextField | None:
        issuer = self.meta.get("issuer") or ""
        if not issuer and "关于" in title:
            head = title.split("关于", 1)[0].strip()
            # as printed (厦门市工业和信息化局 厦门市财政局: two bodies), without 转发
            issuer = head.removeprefix("转发").strip() if _TITLE_ISSUER.match(head.replace(" ", "")) else ""
        at = self.view.text.find(issuer) if issuer else -1
        if at < 0 and "、" in issuer:
            issuer = issuer.replace("、", "\n")  # bodies that sign one per line
            at = self.view.text.find(issuer)
        if at < 0:
            return None
        found = self.view[at : at + len(issuer)]
        return TextField(FieldName.DEPARTMENT, found.text, found.offsets, heading="发文机关")

    # ------------------------------------------------------------------ helpers

    def _text(self, a: int, b: int) -> str:
        return "\n".join(ln.text for ln in self.lines[a:b])

    def _field(self, name: FieldName, a: int, b: int, heading: str) -> TextField:
        parts = self.lines[a:b]
        # a web page's footer (主办单位：… 联系电话：… ICP备) runs on from the last section: not its text
        footer = next((i for i, p in enumerate(parts) if _SITE_FURNITURE.search(p.text)), None)
        if footer is not None and footer > 0:
            parts = parts[:footer]
        text, offs = "", []
        for p in parts:
            if text:
                text += "\n"
                offs.append(offs[-1])
            text += p.text
            offs.extend(p.offsets)
        return TextField(name, text, tuple(offs), heading=heading)


_EMPTY = Clean("", ())
_PHONE = re.compile(r"\d{7,}|\d{3,4}[-－—]\d{7,8}")
# …负责，电话0730-8232516: the phone said right after an office
_ITS_PHONE = re.compile(rf"[，,]\s*(?:联系|咨询)?电话[：:]?\s*(?:{_PHONE.pattern})")


# 📞 第②至④项咨询：… / 消费券咨询：…: a line that opens with what its phone answers on
_ASKS_ABOUT = re.compile(r"^[^\w（(【]*[^：:。，,；;\d]{0,12}?咨询(?:电话)?\s*[:：]")


def _labelled_phone_line(line: Clean) -> bool:
    """责任单位：…　联系电话：0792-… / 联系人：…: a phone printed under a contact label."""
    text = line.text.strip()
    return bool(
        _PHONE.search(text)
        and (_CONTACT_LINE.match(text) or _CONTACT_LABEL.search(text) or _ASKS_ABOUT.match(text))
    )


def _is_contact_line(text: str) -> bool:
    # (消费券咨询：市旅文局市场管理科 0898-… under a measure is its own; 第②至④项咨询：… names others)
    asks = _ASKS_ABOUT.match(text) and not re.search(r"第[^：:]{1,12}[项条]", text)
    return bool((_CONTACT_LINE.match(text) or asks) and _PHONE.search(text))


def _split(view: Clean) -> list[Clean]:
    return [ln for ln in view.lines() if ln.text.strip()]


# 一是实行上市分阶段奖励。对…；二是支持企业挂牌融资。对… / 在贷款贴息上（第四条），对…: measures told one
# after another within a paragraph (a reporter's answer, a 解读), each opening with its heading
_TOLD_NEXT = re.compile(
    r"(?<=[。；;：:])\s*(?=[一二三四五六七八九十]是|另?一方面[，,]|在[\u4e00-\u9fff]{2,10}上（第[^）]{1,8}条）[，,])"
    # (在推动绿色低碳和创新发展方面，一是…: the aspect introduces the measures after it)
    r"|(?<=方面[，,])(?=一是)"
)


def _run_together(lines: list[Clean]) -> list[Clean]:
    """In a text with no outline numbering, a paragraph that tells measures one after another, each
    opening with its heading, as one line per measure (and one for the words before); where the text
    tells three at least so."""
    numbered = sum(
        1
        for ln in lines
        if (mk := parse_marker(ln.text.strip())) is not None and mk.style not in ("blt", "brk")
    )
    if numbered >= 2:
        return lines
    split: list[list[Clean]] = []
    for line in lines:
        cuts = [m.start() for m in _TOLD_NEXT.finditer(line.text)]
        pieces = [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line.text)], strict=True)]
        split.append(
            [p for p in pieces if p.text.strip()] if any(_measure_head(p) for p in pieces[1:]) else [line]
        )
    # three measures at least, as for headed paragraphs
    told = sum(1 for pieces in split if len(pieces) > 1 for p in pieces[1:] if _measure_head(p))
    return [p for pieces in split for p in pieces] if told >= 3 else lines


def _article_numbers(refs: str) -> list[int]:
    """第二条、第三条 / 第二、三条 / 第四至五条 / 第六条至第八条 -> the article numbers they name."""
    tokens = re.findall(r"[一二三四五六七八九十百\d]{1,4}|至", refs)
    numbers: list[int] = []
    for k, token in enumerate(tokens):
        if token == "至":
            continue
        n = int(token) if token.isdigit() else cn_number(token)
        if k >= 1 and tokens[k - 1] == "至" and numbers:
            numbers += list(range(numbers[-1] + 1, n + 1))
        else:
            numbers.append(n)
    return numbers


def _text_field(name: FieldName, c: Clean, heading: str) -> TextField:
    return TextField(name, c.text, c.offsets, heading=heading)


def _heading(line: Clean, skip: int) -> tuple[Clean, bool]:
    """The heading printed after a marker (【…】, a short line of its own, or a run-in phrase), and
    whether it is a title rather than a short sentence ("（2）同时享受贴息。" names, but is a clause)."""
    body = line[skip:].strip()
    body = body[: len(body.text.rstrip("*")) if body.text.endswith("**") else len(body.text)]
    m = _BRACKET_HEAD.match(body.text) or _PAREN_HEAD.match(body.text)
    if m:
        return body[m.start("head") : m.end("head")], True
    text = body.text
    question = _QUESTION.match(text)
    if question is not None:
        # 3．问：企业实施技术改造项目，补助标准是多少？: a Q&A names each measure by its question
        return _asked(body[question.end() :].strip("？?。 ")), True
    label = NUMBERED_LABEL.match(text)
    if label is not None and not re.search(r"[。；;，,：:]", text[label.end() :].rstrip("。；;")):
        # 专题一：中小企业数字化转型: the label numbers the direction, the words after it name it
        return body[label.end() :].strip("：:。；; "), True
    if len(text) <= _HEADING_MAX and not re.search(r"[。；;，,：:]", text.rstrip("。；;")):
        return body.strip("：:。；; "), not text.endswith(("。", "；", ";"))
    m = _RUN_IN_HEAD.match(text)
    # a run-in title: "支持企业上规模。", "奖励标准：", not a lead-in "申请贷款的企业应符合以下条件："
    if (
        m
        and not re.search(r"[，,、；;的]|\d", m.group("head"))
        and (text[m.end() - 1] == "。" or len(m.group("head")) <= 12)
    ):
        return body[: m.end("head")], True
    fm = match_heading_line(text)
    if fm is not None:
        return Clean(fm.heading, body.offsets[: len(fm.heading)]), True
    return _EMPTY, False


# 有什么 / 能享受哪些 / 是多少 / 吗: the words that make a name a question
_ASKING = re.compile(
    r"(?:能|可以|可)?(?:享受|拿到|获得|得到)?(?:有|是)?(?:什么|哪些|多少|怎样的?|如何)|[吗呢]$"
)


def _asked(question: Clean) -> Clean:
    """A question as a measure's name: 企业融资方面有什么贴息政策 -> 企业融资方面贴息政策."""
    asking = {i for m in _ASKING.finditer(question.text) for i in range(*m.span())}
    keep = [i for i in range(len(question)) if i not in asking]
    return Clean("".join(question.text[i] for i in keep), tuple(question.offsets[i] for i in keep)).strip(
        "，, "
    )


def _signers(lines: list[Clean]) -> list[str]:
    """The bodies of the signature lines `lines` start with (江苏省发展改革委 / 江苏省财政厅: bodies
    signing together, one per line)."""
    out = []
    for line in lines:
        sig = _SIGNATURE.match(line.text.strip())
        if sig is None:
            break
        out.append(sig.group("body"))
    return out


def calls_for_one(title: str) -> bool:
    """Whether a title is a notice calling for one application (关于组织申报…项目的通知)."""
    return bool(_CALL.search(title))


def _notice_name(title: str) -> str:
    """What a notice calls for: 关于组织申报2017年度东莞市首台（套）重点技术装备项目的通知 -> 2017年度…项目."""
    t = re.sub(r"^.*?关于", "", title)
    t = re.sub(r"^(?:组织|开展|做好|启动|印发|转发|发布|实施)+", "", t)
    t = re.sub(r"^(?:申报|推荐|征集|评选|遴选|认定)+", "", t)
    t = re.sub(r"(?:预申报|申报|推荐|征集|评选|遴选)?(?:工作)?的?(?:通知|公告|指南)(?:[（(].*)?$", "", t)
    # a quote the title closes but never opens (…倍增计划”预申报): the web copy lost its pair
    t = re.sub(r"^[”\"]|[“\"]$", "", t)
    if t.count("”") > t.count("“"):
        t = t.replace("”", "")
    # 关于印发《武汉市企业技术中心认定管理办法》的通知: the rules it issues, not a citation of them
    t = re.sub(r"^《([^《》]+)》$", r"\1", t)
    return t or title


# A text that collects measures (若干政策, 政策措施, 行动方案), as an article's title or its opening names it.
_COLLECTION = re.compile(r"若干(?:政策|措施|意见|规定)|政策措施|行动方案|实施意见|一揽子")
_MIN_REPRINTED = 2
_MIN_UNNAMED = 5
# support a company can take: money, a voucher, a loan or guarantee, a tax benefit
_CONCRETE = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万|亿)?元|奖励|奖补|补助|补贴|资助|贴息|担保|贷款|减免|减征|免征|退税|抵免|加计扣除|券"
)
# a heading that says what a measure supports: （六）支持汽车报废更新, 奖励首次升规企业
_SUPPORTING_HEAD = re.compile(r"^(?:鼓励|奖励|补贴|补助|扶持|资助)|支持")
_FIELDISH = re.compile(
    r"(?:对象|标准|期限|方式|条件|程序|流程|要求|管理|材料|时间|额度|范围|类型|情况|机制|评审|方向|条款)$"
)


def reprinted_measures(unit: Unit, name: FieldName) -> list[Unit] | None:
    """The measures of a policy an article (or a digest) reprints in its `name` field, one program
    each, or None when it reprints no collection of measures (an article announcing one call)."""
    fields = unit.get(name)
    if not fields:
        return None
    body = fields[0]
    named = bool(_COLLECTION.search(unit.title) or _COLLECTION.search(body.text[:300]))
    if calls_for_one(unit.title) or (not named and calls_for_one(body.text[:120])):
        return None  # 关于组织申报…的通知: one call, whatever its sections say or the policy it cites
    reader = _Reader(repair(body.text), body.text)
    programs, _shared = reader.measures
    titled = [normalize_heading(n.heading.text) for n, _ in programs if n.titled]
    fieldish = sum(1 for h in titled if _FIELDISH.search(h) or lexicon().lookup(h, loose=True))
    if len(titled) < _MIN_REPRINTED or fieldish > 0.3 * len(titled):
        return None  # 贷款对象 / 贴息标准 / 贴息期限: the sections of one scheme, not measures
    if not any(n.titled and _CONCRETE.search(reader._text(n.line, n.end)) for n, _ in programs):
        return None  # 给予倾斜 / 给予用地保障: measures that name no money, voucher, loan or tax benefit
    supporting = sum(1 for h in titled if _SUPPORTING_HEAD.search(h))
    if not named and (supporting < _MIN_UNNAMED or supporting < len(titled) / 2):
        # a notice that names no collection of measures is one unless most of its headings say what
        # they support (（六）支持汽车报废更新, not （一）申请发放 （二）预拨资金 of one loan scheme)
        return None
    units, _meta = reader.read()
    place = f"{unit.title} {body.text[:600]}"
    # the article's or digest's own contact lines are every measure's (its 发布部门 issued the policy;
    # it does not run the measures)
    own = [f for f in unit.fields if f.name is FieldName.CONTACT]
    moved = [remap(u, body.offsets) for u in units if u.measure]
    return [replace(u, place=place, fields=(*u.fields, *own)) for u in moved]
