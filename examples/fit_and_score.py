"""Fit a logistic regression to points x with labels y, then score it with log loss.

python examples/fit_and_score.py points.csv     (a header line "x,y", then one point per line)
"""

import sys

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

table = np.loadtxt(sys.argv[1], delimiter=",", skiprows=1, ndmin=2)
features, labels = table[:, :1], table[:, 1].astype(int)

# The default model (L2 penalty, C = 1), its solver run until the fit stops changing.
model = LogisticRegression(C=1.0, solver="newton-cholesky", tol=1e-10).fit(features, labels)
p_green = model.predict_proba(features)[:, 1]

for row in range(0, len(p_green), 5):
    print("P(green)", " ".join(f"{p:.4f}" for p in p_green[row : row + 5]))
print(f"log loss {log_loss(labels, p_green):.4f}")
