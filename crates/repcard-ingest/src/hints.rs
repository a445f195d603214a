//! "Did you mean …" hints: a file whose headers are a known CRM's export while its table has
//! no `preset`, and a root-level file that matches no table.

use super::discover::Table;
use super::presets;
use repcard_core::config::Preset;

/// A CRM's name as users write it, and its `preset` value.
pub(crate) fn names(preset: Preset) -> (&'static str, &'static str) {
    match preset {
        Preset::Hubspot => ("HubSpot", "hubspot"),
        Preset::Salesforce => ("Salesforce", "salesforce"),
        Preset::Pipedrive => ("Pipedrive", "pipedrive"),
    }
}

/// The preset whose headers find every required column of `table` in `headers` (lower-cased,
/// trimmed), `type` aside (alias files imply it); `None` when no preset fits.
pub(crate) fn preset_for(table: Table, headers: &[String]) -> Option<Preset> {
    [Preset::Hubspot, Preset::Salesforce, Preset::Pipedrive]
        .into_iter()
        .find(|&preset| {
            let spec = presets::spec(preset, table);
            !spec.columns.is_empty()
                && super::columns::required_columns(table, true)
                    .iter()
                    .all(|col| {
                        spec.columns.iter().any(|(c, aliases)| {
                            c == col
                                && aliases
                                    .iter()
                                    .any(|a| headers.iter().any(|h| h.eq_ignore_ascii_case(a)))
                        })
                    })
        })
}

/// The help for a file that matches no table: how to name it or where to move it so it is
/// read.
pub(crate) fn unmatched_help(name: &str) -> String {
    let file = name.rsplit('/').next().unwrap_or(name);
    format!(
        "name it after its table (e.g. `calls-{file}`, `leads-{file}`, `proposals-{file}`) or move it into a table's folder (`calls/`, `meetings/`, `leads/`, `proposals/`, `reps/`)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_lowercase()).collect()
    }

    #[test]
    fn each_crm_export_is_recognised_by_its_headers() {
        let hubspot = lower(&[
            "Record ID",
            "Contact owner",
            "Create Date",
            "Lifecycle Stage",
        ]);
        assert_eq!(preset_for(Table::Leads, &hubspot), Some(Preset::Hubspot));
        let salesforce = lower(&[
            "Opportunity ID",
            "Opportunity Owner",
            "Created Date",
            "Amount",
            "Stage",
        ]);
        assert_eq!(
            preset_for(Table::Proposals, &salesforce),
            Some(Preset::Salesforce)
        );
        let pipedrive = lower(&[
            "Activity - Assigned to user",
            "Activity - Lead",
            "Activity - Due date",
        ]);
        assert_eq!(
            preset_for(Table::Activities, &pipedrive),
            Some(Preset::Pipedrive)
        );
    }

    #[test]
    fn a_file_of_other_headers_fits_no_preset() {
        assert_eq!(
            preset_for(Table::Leads, &lower(&["id", "who", "when"])),
            None
        );
        assert_eq!(preset_for(Table::Reps, &lower(&["Owner", "Name"])), None);
    }
}
