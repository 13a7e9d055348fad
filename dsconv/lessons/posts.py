"""Home lessons from the blog posts, the learners' questions and the book's recipe; numbers from the library, torch or the card."""

from __future__ import annotations

from dsconv.lessons.cards import Fact, Lesson, link, shape
from dsconv.mnist import book_recipe
from dsconv.mnist.card import read_card
from dsconv.lessons import faq, keras_example as keras_code, tokens
from dsconv.receptive import famous

FAQ_PAGE = "faq"
FAMOUS_ORDER = ("alexnet", "vgg16", "mobilenet_v1", "resnet50")


def tokens_lesson() -> Lesson:
    """The post's DWConv: (2, 64, 768) tokens -> (2, 768, 8, 8) -> depthwise 3x3 -> (2, 64, 768); 6,912 params."""
    t = tokens.token_lesson()
    return Lesson(
        key="tokens",
        source="home.source.vit_post",
        facts=(
            Fact("home.fact.tokens_in", t.steps[0].shape),
            Fact("home.fact.tokens_map", t.steps[2].shape),
            Fact("home.fact.tokens_out", t.steps[-1].shape),
            Fact("home.fact.dw_params", t.params),
            Fact("home.fact.tokens_macs", t.macs),
            Fact("home.fact.code_dim", f"{t.code_default_dim} ≠ {t.text_dim}"),
        ),
        links=(link(FAQ_PAGE, "home.link.open_tokens", topic="tokens"),),
    )


def example_lesson() -> Lesson:
    """The post's 4x4x3 example: DW 3x3 valid -> 2x2x3, PW 1x1x3x2 -> 2x2x2 (NHWC as the post writes it)."""
    s = keras_code.example_shapes()
    nhwc = lambda c_h_w: shape(c_h_w[1], c_h_w[2], c_h_w[0])  # noqa: E731
    return Lesson(
        key="example443",
        source="home.source.def_post",
        facts=(
            Fact("home.fact.input_nhwc", nhwc(s["input"])),
            Fact("home.fact.dw_output_nhwc", nhwc(s["depthwise"])),
            Fact("home.fact.output_nhwc", nhwc(s["pointwise"])),
            Fact("home.fact.dwpw_params", s["params_dw"] + s["params_pw"]),
        ),
        links=(link(FAQ_PAGE, "home.link.open_example", topic="example"),),
    )


def book_recipe_lesson() -> Lesson:
    """The book's loop: SGD 1e-4, batch 128, 468 steps per epoch (96 images unused), 42 / 63 epochs."""
    r = book_recipe.BookRecipe()
    facts = [
        Fact("home.fact.book_lr", f"{r.lr:g}"),
        Fact("home.fact.book_steps", book_recipe.steps_per_epoch(60_000, r.batch_size)),
        Fact("home.fact.book_unused", book_recipe.unused_images(60_000, r.batch_size)),
        Fact("home.fact.book_epochs", " / ".join(str(book_recipe.BOOK_EPOCHS[m]) for m in ("seed_standard", "seed_dsconv"))),
    ]
    card = read_card()
    for model in ("seed_standard", "seed_dsconv"):
        entry = card.get(model + book_recipe.BOOK_SUFFIX)
        if entry is not None:
            facts.append(Fact(f"home.fact.book_acc_{model}", f"{entry['test_accuracy']:.2%}"))
    return Lesson(
        key="book_recipe",
        source="home.source.book",
        facts=tuple(facts),
        links=(link("train", "home.link.open_book_recipe", recipe="book", model="seed_standard"),),
    )


def famous_lesson() -> Lesson:
    """Final receptive fields of AlexNet, VGG16, MobileNet v1 and ResNet-50 (224 input), stride 32."""
    nets = famous.networks()
    finals = {k: famous.final(nets[k]) for k in FAMOUS_ORDER}
    return Lesson(
        key="famous_rf",
        source="home.source.distill",
        facts=tuple(Fact(f"home.fact.rf_{k}", finals[k].rf) for k in FAMOUS_ORDER)
        + (Fact("home.fact.effective_stride", " / ".join(str(finals[k].stride) for k in FAMOUS_ORDER)),),
        links=tuple(link("receptive_field", f"home.link.open_rf_{k}", preset=k) for k in FAMOUS_ORDER),
    )


def faq_lesson() -> Lesson:
    """The learners' questions, with the numbers of their answers."""
    a = faq.answers()
    return Lesson(
        key="faq",
        source="home.source.course_comments",
        facts=(
            Fact("home.fact.faq_unsqueeze", a.batch.batched),
            Fact("home.fact.faq_pw_k1", shape(*a.pw_k3.pw_k1)),
            Fact("home.fact.faq_pw_k3", shape(*a.pw_k3.pw_k3)),
            Fact("home.fact.faq_stride3", shape(*a.dw_stride3.out)),
            Fact("home.fact.faq_rf", a.rf_figure.rf[-1]),
            Fact("home.fact.faq_flops", f"{a.flops[0].flops:,} = 2 × {a.flops[0].macs:,}"),
        ),
        links=tuple(link(FAQ_PAGE, f"home.link.faq.{q}", topic=q) for q in faq.QUESTIONS),
    )


def extra_lessons() -> tuple[Lesson, ...]:
    """Issue 14's lessons, in teaching order."""
    return (example_lesson(), tokens_lesson(), book_recipe_lesson(), famous_lesson(), faq_lesson())
