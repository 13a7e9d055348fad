"""Strings of the Train page's live speed line (keys prefixed ``train.live.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "train.live.rate": {
        "en": "{rate:,.0f} images/s · about {eta:.0f} s left",
        "zh": "每秒 {rate:,.0f} 张图 · 约剩 {eta:.0f} 秒",
    },
}
