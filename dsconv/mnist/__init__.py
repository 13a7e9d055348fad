"""The digit classifiers: MNIST data, the models, their weights, training and inference."""
