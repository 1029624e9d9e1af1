"""The fleet model file: a round trip keeps the scores; a file that does not fit is refused."""

from __future__ import annotations

import functools
import io
import json
import zipfile
from datetime import UTC, datetime

import numpy as np
import pytest

from klantreis.telemetry.fleet.model import FleetModel, ModelFileError, read_manifest

NAMES = ("a", "b", "c")


@functools.cache
def _model() -> FleetModel:
    rng = np.random.default_rng(3)
    features = rng.normal(size=(400, 3))
    labels = {
        "wear": (features[:, 0] > 1.0).astype(int),
        "rare": np.array([1] * 3 + [0] * 397),  # too few failures to learn: base rate
    }
    return FleetModel.fit(
        features,
        labels,
        feature_set="test-v1",
        feature_names=NAMES,
        horizon_days=14,
        trained_at=datetime(2026, 3, 27, tzinfo=UTC),
    )


def _rezip(data: bytes, manifest: dict[str, object] | None = None, drop: str = "") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            if name == drop:
                continue
            content = source.read(name)
            if name == "manifest.json" and manifest is not None:
                content = json.dumps(manifest).encode()
            target.writestr(name, content)
    return out.getvalue()


def test_a_saved_model_scores_exactly_as_before() -> None:
    model = _model()
    probe = np.array([[2.0, 0.0, 0.0], [-2.0, 0.0, 0.0]])
    loaded = FleetModel.from_bytes(model.to_bytes(), feature_set="test-v1", feature_names=NAMES)
    before, after = model.predict(probe), loaded.predict(probe)
    for mode in ("wear", "rare"):
        assert np.allclose(before[mode], after[mode])
    assert after["wear"][0] > 0.5 > after["wear"][1]
    assert after["rare"][0] == pytest.approx(3 / 400)


def test_a_model_for_other_features_is_refused_with_what_differs() -> None:
    data = _model().to_bytes()
    with pytest.raises(ModelFileError, match="feature set 'test-v1'"):
        FleetModel.from_bytes(data, feature_set="boiler-telemetry-v1", feature_names=NAMES)
    with pytest.raises(ModelFileError, match=r"missing: \['d'\]"):
        FleetModel.from_bytes(data, feature_set="test-v1", feature_names=("a", "b", "c", "d"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"schema_version": "two"}, "schema_version"),
        ({"format": "pickle"}, "format"),
        ({"feature_names": "abc"}, "feature_names"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_a_manifest_that_breaks_the_schema_is_refused(
    change: dict[str, object], message: str
) -> None:
    data = _model().to_bytes()
    manifest = {**read_manifest(data).model_dump(mode="json"), **change}
    with pytest.raises(ModelFileError, match=f"does not match the model schema.*{message}"):
        FleetModel.from_bytes(_rezip(data, manifest), feature_set="test-v1", feature_names=NAMES)


def test_a_model_file_of_another_schema_is_refused_with_the_reason() -> None:
    data = _model().to_bytes()
    manifest = {**read_manifest(data).model_dump(mode="json"), "schema_version": 1}
    with pytest.raises(ModelFileError, match="has schema 1; this version reads schema 2"):
        FleetModel.from_bytes(_rezip(data, manifest), feature_set="test-v1", feature_names=NAMES)


def test_damaged_or_foreign_files_are_refused_in_words() -> None:
    data = _model().to_bytes()
    with pytest.raises(ModelFileError, match="not a zip"):
        read_manifest(b"just some bytes")
    with pytest.raises(ModelFileError, match="needs manifest.json"):
        read_manifest(_rezip(data, drop="manifest.json"))
    manifest = read_manifest(data).model_dump(mode="json")
    manifest["estimators_sha256"] = "0" * 64
    with pytest.raises(ModelFileError, match="checksum"):
        FleetModel.from_bytes(_rezip(data, manifest), feature_set="test-v1", feature_names=NAMES)


def test_predicting_with_the_wrong_number_of_columns_is_refused() -> None:
    with pytest.raises(ValueError, match="3 feature columns"):
        _model().predict(np.zeros((2, 4)))


def test_the_reliability_points_are_the_mean_prediction_and_the_share_that_failed() -> None:
    from klantreis.telemetry.fleet.scores import reliability

    scores = np.array([0.05, 0.05, 0.15, 0.92, 0.98])
    truth = np.array([0, 0, 1, 1, 1])
    found = reliability(truth, scores)
    assert [(p["low"], p["rows"], p["observed"]) for p in found["points"]] == [
        (0.0, 2, 0.0),
        (0.1, 1, 1.0),
        (0.9, 2, 1.0),
    ]
    assert found["points"][2]["mean_predicted"] == 0.95
    assert found["expected_failures"] == 2.1 and found["realised_failures"] == 3
