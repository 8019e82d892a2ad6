//! What a run tells a terminal as it goes: each stage in order, with what it has counted.

#![allow(clippy::unwrap_used)]

use std::fs;

use generator::CrateOptions;
use sdkgen_cli::{Job, Stage, run};

#[test]
fn each_stage_is_reported_in_order_with_its_counts() {
    let dir = std::env::temp_dir().join(format!("sdkgen-progress-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let spec = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '204': {description: none}\n";
    fs::write(dir.join("api.yaml"), spec).unwrap();
    let job = Job {
        spec: dir.join("api.yaml"),
        overlays: Vec::new(),
        out: dir.join("sdk"),
        check: false,
        lenient: false,
        krate: CrateOptions::new("sdk"),
    };
    let mut stages = Vec::new();
    let report = run(&job, &mut |stage| stages.push(stage)).unwrap();
    assert_eq!(
        stages,
        [
            Stage::Reading { overlays: 0 },
            Stage::Generating { bytes: spec.len() },
            Stage::Comparing {
                files: report.files,
                types: 0,
                operations: 1
            },
            Stage::Writing {
                changes: report.changed
            },
        ]
    );
    assert!(
        stages[2].label().contains("1 operations"),
        "{}",
        stages[2].label()
    );
    fs::remove_dir_all(&dir).unwrap();
}
