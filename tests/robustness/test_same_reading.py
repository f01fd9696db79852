"""The chat and the hotline page read the same sentence into the same facts (issue 8):
each sentence opens a conversation with the real Rasa + action server over REST, and the
facts the tracker store then holds equal those /api/understand gives the agent page."""
from __future__ import annotations

import pytest

from bot.web.agent_api import understand as hotline_understand
from tests.robustness.conftest import needs_model

SENTENCES = [
    "我在钱塘一家企业上班，社保一直在钱塘交，今年5月评上高级技师",
    "我是技师 去年10月拿的证 拿证后社保交了8个月 没有金牌称号",
    "本人在钱塘的事业单位上班，没在编，去年拿了全国技术能手，上级奖励了两万块",
    "以前领过技师的提升补助，今年3月评上了高级技师，在钱塘上班",
    "我是钱塘高校全日制的大学生，上个月考了中级工，是紧缺工种",
    "我們公司在錢塘，去年引進了兩個技師，都是外地戶籍",
    "我们公司今年培养了2个高级技师，证书是今年4月的，取证时都在我们公司交社保",
    "我们是钱塘的培训学校，培训了20个失业人员，拿了中级工证，证书浙江发的",
    "我们是区级技能大师工作室，考核优秀，不是省市级的",
    "我是技帅，前年十月份取的证，取证前在钱塘交了一年半社保",
]


@needs_model
@pytest.mark.parametrize("index", range(len(SENTENCES)))
def test_chat_and_hotline_page_read_the_same_facts(stack, index):
    text = SENTENCES[index]
    hotline = hotline_understand(text)["facts"]
    assert hotline, f"the hotline page read nothing from {text!r}"
    sender = f"same-reading-{index}"
    stack.say(sender, text)
    assert stack.slot(sender, "facts") == hotline
