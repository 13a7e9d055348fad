"""Lessons from the seed texts that the first version of the app did not cover (issue 14).

One small module per concept: the token DWConv of vision transformers (:mod:`.tokens`), Keras code next to
PyTorch code (:mod:`.keras_code`), the book's own training recipe (:mod:`.book_recipe`), published receptive
fields of famous networks (:mod:`.famous`) and the learners' questions (:mod:`.faq`).
"""
