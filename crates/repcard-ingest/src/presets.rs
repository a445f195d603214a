//! The built-in column mappings for HubSpot, Salesforce and Pipedrive exports, modelled on
//! their documented export headers. Every alias list is tried in order; the canonical contract
//! name is always accepted too. Headers compare case-insensitively.

use super::discover::Table;
use repcard_core::config::Preset;

/// What a preset says about one table's files.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct PresetSpec {
    /// Contract column → export headers, in order of preference.
    pub columns: &'static [(&'static str, &'static [&'static str])],
    /// Contract column → (export value → contract value); `*` matches any other value, a
    /// trailing `*` matches a prefix.
    pub values: &'static [(&'static str, &'static [(&'static str, &'static str)])],
    /// Dates may be written with slashes, in the user's locale order (see `DateOrder`).
    pub slash_dates: bool,
    /// Amounts may carry `,` thousands separators and currency symbols.
    pub loose_money: bool,
    /// Drop report footer lines (Salesforce).
    pub drop_footer: bool,
}

const DEAL_STAGES: &[(&str, &str)] = &[
    ("closed won", "won"),
    ("closedwon", "won"),
    ("won", "won"),
    ("closed lost", "lost"),
    ("closedlost", "lost"),
    ("lost", "lost"),
    ("*", "open"),
];

const ACTIVITY_TYPES: &[(&str, &str)] = &[
    ("call*", "call"),
    ("phone call", "call"),
    ("logged call", "call"),
    ("meeting*", "meeting"),
    ("event", "meeting"),
    ("email*", "email"),
    ("e-mail", "email"),
    ("incoming email", "email"),
];

/// HubSpot outcomes → `done`: a meeting took place only when Completed; a call with any
/// outcome was made. Any other value is not guessed (`bad_boolean`, to be mapped in
/// `[activities.values.done]`).
const HUBSPOT_OUTCOMES: &[(&str, &str)] = &[
    ("completed", "true"),
    ("scheduled", "false"),
    ("rescheduled", "false"),
    ("no show", "false"),
    ("canceled", "false"),
    ("cancelled", "false"),
    ("busy", "true"),
    ("connected", "true"),
    ("left live message", "true"),
    ("left voicemail", "true"),
    ("no answer", "true"),
    ("wrong number", "true"),
];

/// Salesforce task Status → `done` (events have no Status: empty = done).
const SALESFORCE_TASK_STATUS: &[(&str, &str)] = &[
    ("completed", "true"),
    ("not started", "false"),
    ("in progress", "false"),
    ("waiting on someone else", "false"),
    ("deferred", "false"),
    ("open", "false"),
];

/// Pipedrive `Activity - Done` → `done`.
const PIPEDRIVE_DONE: &[(&str, &str)] = &[("done", "true"), ("to do", "false")];

/// The spec of `preset` for `table` (empty for tables the CRM does not export).
pub(crate) fn spec(preset: Preset, table: Table) -> PresetSpec {
    match (preset, table) {
        (_, Table::Reps) => PresetSpec::default(),
        (Preset::Hubspot, Table::Leads) => PresetSpec {
            columns: &[
                ("lead_id", &["Record ID", "Contact ID"]),
                (
                    "rep_id",
                    &["Contact owner", "Lead owner", "HubSpot owner", "Owner"],
                ),
                (
                    "created_at",
                    &["Create Date", "Created Date", "Create date"],
                ),
                ("qualified", &["Lifecycle Stage"]),
                (
                    "source",
                    &["Original Source", "Original Traffic Source", "Lead source"],
                ),
                ("score", &["HubSpot Score", "Lead score"]),
            ],
            values: &[(
                "qualified",
                &[
                    ("sales qualified lead", "true"),
                    ("salesqualifiedlead", "true"),
                    ("sql", "true"),
                    ("opportunity", "true"),
                    ("customer", "true"),
                    ("*", "false"),
                ],
            )],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
        (Preset::Hubspot, Table::Activities) => PresetSpec {
            columns: &[
                ("activity_id", &["Record ID"]),
                (
                    "rep_id",
                    &["Activity assigned to", "Assigned to", "Activity owner"],
                ),
                (
                    "lead_id",
                    &[
                        "Associated Contact IDs",
                        "Associated Contact ID",
                        "Associated Contact",
                    ],
                ),
                ("at", &["Activity date", "Activity Date", "Create Date"]),
                ("type", &["Activity type", "Engagement type"]),
                ("outcome", &["Call outcome", "Meeting outcome"]),
                ("done", &["Meeting outcome", "Call outcome"]),
            ],
            values: &[("type", ACTIVITY_TYPES), ("done", HUBSPOT_OUTCOMES)],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
        (Preset::Hubspot, Table::Proposals) => PresetSpec {
            columns: &[
                ("proposal_id", &["Record ID", "Deal ID"]),
                ("rep_id", &["Deal owner", "Owner"]),
                ("created_at", &["Create Date", "Created Date"]),
                ("amount", &["Amount", "Amount in company currency"]),
                (
                    "lead_id",
                    &[
                        "Associated Contact IDs",
                        "Associated Contact ID",
                        "Associated Contact",
                    ],
                ),
                ("status", &["Deal Stage", "Deal stage"]),
                ("closed_at", &["Close Date", "Close date"]),
                ("currency", &["Currency", "Deal currency code"]),
            ],
            values: &[("status", DEAL_STAGES)],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
        (Preset::Salesforce, Table::Leads) => PresetSpec {
            columns: &[
                ("lead_id", &["Lead ID", "Record ID", "Name"]),
                ("rep_id", &["Lead Owner", "Owner", "Owner Name"]),
                ("created_at", &["Create Date", "Created Date"]),
                ("qualified", &["Lead Status", "Status"]),
                ("source", &["Lead Source"]),
                ("score", &["Rating"]),
            ],
            values: &[(
                "qualified",
                &[
                    ("closed - converted", "true"),
                    ("working - contacted", "false"),
                    ("open - not contacted", "false"),
                    ("closed - not converted", "false"),
                    ("qualified", "true"),
                    ("*", "false"),
                ],
            )],
            slash_dates: true,
            loose_money: true,
            drop_footer: true,
        },
        (Preset::Salesforce, Table::Activities) => PresetSpec {
            columns: &[
                ("activity_id", &["Activity ID", "Task ID", "Event ID"]),
                ("rep_id", &["Assigned", "Assigned To", "Owner"]),
                ("lead_id", &["Lead ID", "Name", "Contact", "Lead"]),
                ("at", &["Date", "Due Date", "Activity Date", "Start"]),
                (
                    "type",
                    &[
                        "Task Subtype",
                        "Event Subtype",
                        "Activity Type",
                        "Type of Interaction",
                        "Type",
                        "Call Type",
                    ],
                ),
                ("outcome", &["Call Result", "Status"]),
                ("done", &["Status", "Task Status"]),
            ],
            values: &[("type", ACTIVITY_TYPES), ("done", SALESFORCE_TASK_STATUS)],
            slash_dates: true,
            loose_money: true,
            drop_footer: true,
        },
        (Preset::Salesforce, Table::Proposals) => PresetSpec {
            columns: &[
                ("proposal_id", &["Opportunity ID", "Opportunity Name"]),
                ("rep_id", &["Opportunity Owner", "Owner"]),
                ("created_at", &["Created Date", "Create Date"]),
                ("amount", &["Amount", "Total Amount"]),
                ("lead_id", &["Lead ID", "Contact ID"]),
                ("status", &["Stage"]),
                ("closed_at", &["Close Date"]),
                (
                    "currency",
                    &[
                        "Opportunity Currency",
                        "Amount Currency",
                        "Total Amount Currency",
                        "Currency",
                    ],
                ),
            ],
            values: &[("status", DEAL_STAGES)],
            slash_dates: true,
            loose_money: true,
            drop_footer: true,
        },
        (Preset::Pipedrive, Table::Leads) => PresetSpec {
            columns: &[
                ("lead_id", &["Lead - ID", "Lead - Title", "ID", "Title"]),
                ("rep_id", &["Lead - Owner", "Owner"]),
                (
                    "created_at",
                    &[
                        "Lead - Add time",
                        "Lead - Creation date",
                        "Add time",
                        "Created",
                    ],
                ),
                ("qualified", &["Lead - Labels", "Labels"]),
                ("source", &["Lead - Source", "Source"]),
            ],
            values: &[(
                "qualified",
                &[("hot", "true"), ("warm", "true"), ("*", "false")],
            )],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
        (Preset::Pipedrive, Table::Activities) => PresetSpec {
            columns: &[
                ("activity_id", &["Activity - ID", "ID"]),
                (
                    "rep_id",
                    &[
                        "Activity - Assigned to user",
                        "Assigned to user",
                        "Activity - Owner",
                    ],
                ),
                (
                    "lead_id",
                    &[
                        "Activity - Lead",
                        "Lead",
                        "Activity - Contact person",
                        "Contact person",
                        "Activity - Deal",
                        "Deal",
                    ],
                ),
                (
                    "at",
                    &[
                        "Activity - Marked as done time",
                        "Marked as done time",
                        "Activity - Due date",
                        "Due date",
                    ],
                ),
                ("type", &["Activity - Type", "Type"]),
                ("outcome", &["Activity - Done", "Done"]),
                ("done", &["Activity - Done", "Done"]),
            ],
            values: &[("type", ACTIVITY_TYPES), ("done", PIPEDRIVE_DONE)],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
        (Preset::Pipedrive, Table::Proposals) => PresetSpec {
            columns: &[
                ("proposal_id", &["Deal - ID", "ID"]),
                ("rep_id", &["Deal - Owner", "Owner"]),
                (
                    "created_at",
                    &[
                        "Deal - Deal created",
                        "Deal - Creation date",
                        "Deal - Add time",
                        "Add time",
                    ],
                ),
                ("amount", &["Deal - Value", "Value"]),
                (
                    "lead_id",
                    &["Deal - Lead", "Deal - Contact person", "Contact person"],
                ),
                ("status", &["Deal - Status", "Status"]),
                (
                    "closed_at",
                    &[
                        "Deal - Won time",
                        "Deal - Lost time",
                        "Won time",
                        "Lost time",
                    ],
                ),
                (
                    "currency",
                    &[
                        "Deal - Currency",
                        "Deal - Currency of value",
                        "Currency",
                        "Currency of value",
                    ],
                ),
            ],
            values: &[("status", DEAL_STAGES)],
            slash_dates: true,
            loose_money: true,
            drop_footer: false,
        },
    }
}
