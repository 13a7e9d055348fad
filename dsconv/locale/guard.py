"""Strings for the limits that keep one student from slowing the class down (keys start with ``guard.``)."""

STRINGS: dict[str, dict[str, str]] = {
    "guard.canvas.not_read": {"en": "The drawing was not read: {why}. Clear the canvas and draw again.",
                              "zh": "未读取这幅画：{why}。请清空画板后重新书写。"},
    "guard.canvas.shape": {"en": "it is not a list of strokes of [x, y] points with a canvas size and a pen width",
                           "zh": "它不是由 [x, y] 点组成、带画板尺寸和笔宽的笔画列表"},
    "guard.canvas.side": {"en": "the canvas is {w}×{h} px; each side must be {lo} to {hi} px",
                          "zh": "画板为 {w}×{h} 像素；每边须在 {lo} 到 {hi} 像素之间"},
    "guard.canvas.pen": {"en": "the pen is {pen} px wide; at most {hi} px", "zh": "笔宽 {pen} 像素；最多 {hi} 像素"},
    "guard.canvas.strokes": {"en": "it has {n} strokes; at most {hi}", "zh": "共 {n} 笔；最多 {hi} 笔"},
    "guard.canvas.points": {"en": "one stroke has {n} points; at most {hi}", "zh": "有一笔包含 {n} 个点；每笔最多 {hi} 个"},
    "guard.canvas.total": {"en": "the strokes have {n} points in all; at most {hi}", "zh": "所有笔画共 {n} 个点；最多 {hi} 个"},
    "guard.value.too_big": {
        "en": "The value sent for this control was not read: {chars} characters (at most {limit}) or nested too deeply.",
        "zh": "这个控件发来的值未被读取：{chars} 个字符（最多 {limit} 个），或嵌套层数过深。",
    },
}
