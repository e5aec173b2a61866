"""What the caseworker sets up before an interview: reference, languages, interpreter, timing
preset and the two audio sources. Checked here, shown by the start screen."""

from __future__ import annotations

from dataclasses import dataclass

#: Languages offered first (any code may be typed): (code, name).
LANGUAGES = (
    ("", "English only"),
    ("fa", "Farsi / Dari"),
    ("ar", "Arabic"),
    ("ti", "Tigrinya"),
    ("am", "Amharic"),
    ("ps", "Pashto"),
    ("ku", "Kurdish"),
    ("so", "Somali"),
    ("ur", "Urdu"),
    ("fr", "French"),
    ("sq", "Albanian"),
    ("vi", "Vietnamese"),
)
INTERPRETER_MODES = (
    ("remote", "Interpreter on the call"),
    ("present", "Interpreter in the room"),
    ("none", "No interpreter"),
)
#: The call-audio choice that plays the bundled sample interview instead of a device.
DEMO_SOURCE = "sample interview (demo)"


@dataclass(frozen=True)
class InterviewSetup:
    """A new interview as set up on the start screen."""

    reference: str
    language: str = ""
    dialect: str = ""
    interpreter: str = "remote"
    preset: str = "trauma-informed"
    #: Capture device names ("" = the system default microphone; "" call = no call audio).
    microphone: str = ""
    call: str = ""

    @property
    def demo(self) -> bool:
        """The call's audio is the bundled sample interview."""
        return self.call == DEMO_SOURCE

    def problems(self) -> list[str]:
        """What must be fixed before starting (empty when it can start)."""
        found = []
        if not self.reference.strip():
            found.append(
                "Give the interview a reference (a case or appointment reference, not "
                "the claimant's name)."
            )
        if len(self.reference) > 200:
            found.append("The reference is too long (200 characters at most).")
        if self.interpreter not in {m for m, _ in INTERPRETER_MODES}:
            found.append(f"Unknown interpreter mode {self.interpreter!r}.")
        if self.language and not self.language.replace("-", "").isalpha():
            found.append(f"{self.language!r} is not a language code (for example fa, ar, ti).")
        return found

    def participants(self) -> list[tuple[str, str, str]]:
        """(role, audio source, device) for the record."""
        if self.demo:
            return [("claimant", "call", DEMO_SOURCE)]
        out = [("caseworker", "microphone", self.microphone or "default microphone")]
        if self.call:
            heard = "interpreter" if self.interpreter == "remote" else "claimant"
            out.append((heard, "call", self.call))
        return out
