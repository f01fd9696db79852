"""Normalise what people type before anything reads it: full-width → half-width,
spaces removed (Rasa issue 7910: jieba makes them tokens), Traditional → Simplified
for the characters this domain uses (small table; users on Taiwanese/HK keyboards
write 補貼/證書/社會保險).

Pure module: imported by the NLU tokenizer (bot/nlu_components.py), by actions and by
the hotline agent page.
"""
from __future__ import annotations

import unicodedata

# Traditional → Simplified, limited to characters that occur in questions about these
# programmes. Pairs are written "繁简".
_PAIRS = (
    "補补 貼贴 證证 書书 級级 師师 業业 資资 會会 險险 請请 麼么 嗎吗 錢钱 塘塘 區区 "
    "領领 幾几 個个 門门 電电 話话 號号 碼码 們们 這这 說说 對对 還还 沒没 與与 學学 "
    "畢毕 試试 考考 評评 價价 認认 獎奖 賽赛 國国 際际 術术 專专 項项 養养 經经 費费 "
    "訓训 練练 機机 構构 關关 單单 位位 員员 職职 場场 廠厂 務务 勞劳 動动 聯联 繫系 "
    "條条 額额 標标 準准 續续 辦办 處处 審审 核核 發发 兌兑 計计 劃划 態态 時时 間间 "
    "後后 從从 開开 來来 過过 現现 種种 緊紧 缺缺 掛挂 戶户 籍籍 購购 房房 寓寓 "
    "齡龄 歲岁 週周 當当 應应 該该 麼么 樣样 為为 甚什 讓让 給给 幫帮 問问 題题 "
    "聽听 見见 覺觉 結结 轉转 實实 際际 據据 數数 萬万 億亿 兩两 億亿 滿满 紀纪 "
    "歷历 曆历 錄录 輸输 選选 擇择 優优 良良 狀状 況况 優优 導导 團团 隊队 蓋盖 "
    "傳传 統统 網网 絡络 頁页 歡欢 謝谢 請请 問问 啟启 創创 辭辞 權权 氣气 "
    "陽阳 陰阴 園园 範范 圍围 內内 鄉乡 鎮镇 縣县 層层 廳厅 鄰邻 復复 雜杂 "
    "顯显 示示 難难 靈灵 漢汉 戰战 營营 總总 體体 紹绍 細细 則则 屬属 舊旧 "
    "獲获 並并 與与 斷断 繼继 離离 屆届 載载 讀读 寫写 聲声 變变 邊边 鐘钟 "
    "錯错 誤误 請请 須须 長长 張张 東东 車车 軍军 農农 產产 線线 紅红 綠绿 "
    "藝艺 術术 貿贸 易易 銷销 售售 買买 賣卖 讀读 醫医 療疗 遷迁 移移 擔担 "
    "該该 認认 證证 齊齐 備备 額额 論论 議议 訊讯 息息 隨随 頭头 戲戏 樂乐 "
    "執执 帶带 照照 稅税 銀银 行行 卡卡 號号 驗验 碼码 級级 晉晋 升升 筆笔 試试"
)
_T2S = {pair[0]: pair[1] for pair in _PAIRS.split() if len(pair) == 2 and pair[0] != pair[1]}
_TABLE = str.maketrans(_T2S)


def normalise(text: str | None) -> str:
    """NFKC (full-width digits/letters → ASCII), no whitespace, Simplified characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(ch for ch in text if not ch.isspace() and unicodedata.category(ch) != "Cc")
    return text.translate(_TABLE)
