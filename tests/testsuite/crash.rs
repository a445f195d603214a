//! Atomic output under a crash: `repcard build` killed with SIGKILL at arbitrary moments
//! always leaves OUT_DIR as the complete old site or the complete new one.

use crate::support::{command, files, s};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A data folder big enough that a build takes a while; `variant` changes every figure.
fn company(dir: &Path, variant: u32) {
    std::fs::create_dir_all(dir).unwrap();
    let mut reps = String::from("rep_id,name,team,monthly_quota\n");
    for r in 0..40 {
        reps += &format!("r{r},Rep {r},Team {},{}\n", r % 4, 5000 + 100 * variant);
    }
    std::fs::write(dir.join("reps.csv"), reps).unwrap();
    let mut leads = String::from("lead_id,rep_id,created_at,qualified\n");
    let mut acts = String::from("rep_id,lead_id,at,type\n");
    let mut props = String::from("proposal_id,rep_id,created_at,amount,status,closed_at\n");
    for l in 0..20_000u32 {
        let (m, d) = (1 + l % 12, 1 + l % 28);
        leads += &format!("L{l},r{},2025-{m:02}-{d:02} 09:00,{}\n", l % 40, l % 3 == 0);
        for c in 0..(1 + (l + variant) % 4) {
            let kind = if c == 2 { "meeting" } else { "call" };
            acts += &format!(
                "r{},L{l},2025-{m:02}-{:02} 1{c}:00,{kind}\n",
                (l + c) % 40,
                d.min(27) + 1
            );
        }
        if l % 10 == 0 {
            props += &format!(
                "P{l},r{},2025-{m:02}-{d:02},{}.50,won,2025-{m:02}-28\n",
                l % 40,
                1000 + variant
            );
        }
    }
    std::fs::write(dir.join("leads.csv"), leads).unwrap();
    std::fs::write(dir.join("activities.csv"), acts).unwrap();
    std::fs::write(dir.join("proposals.csv"), props).unwrap();
}

fn build(data: &Path, site: &Path) -> Command {
    let mut c = command(["build", s(data), "-o", s(site)]);
    c.stdout(Stdio::null()).stderr(Stdio::null());
    // A killed run can't remove its scratch files: keep them in the test's own folder.
    let scratch = site.with_file_name("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    c.env("TMPDIR", scratch);
    c
}

#[test]
fn sigkill_at_any_moment_leaves_old_or_new_site_complete() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    company(&a, 0);
    company(&b, 1);
    // The two complete sites the folder may ever hold.
    let site = tmp.path().join("site");
    assert!(build(&b, &site).status().unwrap().success());
    let site_b = files(&site);
    assert!(build(&a, &site).status().unwrap().success());
    let site_a = files(&site);
    assert_ne!(site_a, site_b);

    // How long a full build takes here, to spread the kills over it.
    let start = Instant::now();
    assert!(build(&b, &site).status().unwrap().success());
    let full = start.elapsed().max(Duration::from_millis(20));
    let mut current = site_b.clone();

    let mut killed_mid_run = 0;
    let mut i = 0u32;
    // At least 50 runs killed before they finished; kill points cycle over the run's length.
    while killed_mid_run < 50 {
        i += 1;
        assert!(i <= 150, "could not kill 50 runs mid-way in 150 trials");
        let (data, next) = if current == site_a {
            (&b, &site_b)
        } else {
            (&a, &site_a)
        };
        let delay = full.mul_f64(f64::from(i % 12) / 12.0);
        let mut child = build(data, &site).spawn().unwrap();
        std::thread::sleep(delay);
        let finished = child.try_wait().unwrap().is_some();
        let _ = child.kill();
        child.wait().unwrap();
        killed_mid_run += u32::from(!finished);
        let now = files(&site);
        assert!(
            now == current || now == *next,
            "trial {i}: after SIGKILL at {delay:?} the site is neither the old nor the new one ({} files)",
            now.len()
        );
        current = now;
    }
    // A later run cleans up whatever a killed run left beside the site.
    assert!(build(&a, &site).status().unwrap().success());
    let mut names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [".site.lock", "a", "b", "scratch", "site"],
        "leftovers beside the site (the lock file stays; scratch is the runs' TMPDIR)"
    );
}
