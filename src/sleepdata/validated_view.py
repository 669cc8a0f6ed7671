"""What `Dataset.validated()` gives, as type checkers see it: the same dataset, its records pydantic models.

At run time `validated()` returns a `Dataset` whose collections build `sleepdata.models` records; this class
only tells a type checker so (the methods are `Dataset`'s, with the models' types). Import it under
`TYPE_CHECKING`: it imports pydantic.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from .dataset import Collection, Dataset, Related
from .lookup import Match
from .models import Cause, CauseLink, Condition, Diagnostic, Source, Strength, Treatment, Use, Warning

#: Any record a validated dataset's `[...]`, `lookup()` or `search()` can return.
AnyModel: TypeAlias = Source | Condition | Cause | Treatment | Warning | Strength


class ValidatedDataset(Dataset):  # the overrides narrow nothing at run time: see the module's docstring
    sources: Collection[Source]  # type: ignore[assignment]
    conditions: Collection[Condition]  # type: ignore[assignment]
    causes: Collection[Cause]  # type: ignore[assignment]
    treatments: Collection[Treatment]  # type: ignore[assignment]
    warnings: Collection[Warning]  # type: ignore[assignment]

    def __getitem__(self, ref: str) -> AnyModel: ...  # type: ignore[override,empty-body]
    def lookup(self, text: str) -> AnyModel: ...  # type: ignore[override,empty-body]
    def search(self, text: str, limit: int | None = 10,  # type: ignore[override,empty-body]
               kinds: tuple[str, ...] | None = None) -> list[Match[AnyModel]]: ...
    def by_code(self, system: str, code: str) -> list[AnyModel]: ...  # type: ignore[override,empty-body]
    def find(self, name: str) -> list[AnyModel]: ...  # type: ignore[override,empty-body]
    def strength(self, strength_id: str) -> Strength: ...  # type: ignore[override,empty-body]
    def children(self, condition: str) -> list[Condition]: ...  # type: ignore[override,empty-body]
    def subtypes(self, condition: str) -> list[Condition]: ...  # type: ignore[override,empty-body]
    def parent(self, condition: str) -> Condition | None: ...  # type: ignore[override]
    def causes_of(self, condition: str,  # type: ignore[override,empty-body]
                  include_subtypes: bool = False) -> list[Related[Cause, CauseLink]]: ...
    def treatments_for(self, condition: str,  # type: ignore[override,empty-body]
                       include_subtypes: bool = False) -> list[Related[Treatment, Use]]: ...
    def conditions_caused_by(self, cause: str) -> list[Related[Condition, CauseLink]]: ...  # type: ignore[override,empty-body]
    def conditions_treated_by(self, treatment: str) -> list[Related[Condition, Use]]: ...  # type: ignore[override,empty-body]
    def warnings_for(self, target: str, include_classes: bool = True) -> list[Warning]: ...  # type: ignore[override,empty-body]
    def classes_of(self, treatment: str) -> list[Treatment]: ...  # type: ignore[override,empty-body]
    def members_of(self, drug_class: str) -> list[Treatment]: ...  # type: ignore[override,empty-body]
    def diagnostics_for(self, condition: str) -> list[Diagnostic]: ...  # type: ignore[override,empty-body]
    def conditions_diagnosed_by(self, test: str) -> list[Related[Condition, Diagnostic]]: ...  # type: ignore[override,empty-body]
    def claim(self, claim_id: str) -> tuple[AnyModel, Any]: ...  # type: ignore[override,empty-body]
    def drug_of(self, strength: str) -> Treatment: ...  # type: ignore[override,empty-body]
