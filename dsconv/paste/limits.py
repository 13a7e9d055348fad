"""Size bounds of a paste: what the reader accepts before it refuses (hostile input stays cheap)."""

MAX_CHARS = 20_000  # characters of pasted code
MAX_LINES = 600
MAX_LINE_CHARS = 2_000  # one physical line
MAX_STRING_CHARS = 300  # one f-string (its inside is parsed as code)
MAX_TOKENS = 6_000
MAX_STMT_TOKENS = 1_200  # one top-level statement (a class): the reader's memory is bounded by it
MAX_DEPTH = 16  # nesting of brackets
MAX_INDENT = 12  # nested blocks (indentation levels)
MAX_ARITH = 24  # arithmetic operators in one logical line (+ - * // and unary minus)
MAX_DOTS = 160  # attribute dots in one logical line (a Sequential written on one logical line has one per layer)
MAX_NUMBER_CHARS = 12  # digits of one number literal
MAX_INT = 10**7  # largest integer a layer argument or a computed constant may hold
MAX_LAYERS = 120  # layers in the network (after expanding Sequentials and classes)
MAX_NESTING = 8  # Sequential / module nesting
MAX_TUPLE = 8  # elements of a tuple or list literal (kernel sizes, shapes)
# the input shape N×C×H×W
MAX_BATCH = 1024
MAX_CHANNELS = 8192
MAX_SPATIAL = 4096
MAX_FEATURES = 10**8  # a 2-D input's feature count
