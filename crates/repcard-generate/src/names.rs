//! Built-in words for the synthetic company: people, teams, company names, lead sources.

/// Given names.
pub(crate) const FIRST_NAMES: &[&str] = &[
    "Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "James", "Isabella", "Lucas",
    "Mia", "Mateo", "Amelia", "Benjamin", "Harper", "Henry", "Evelyn", "Theodore", "Abigail",
    "Daniel", "Priya", "Arjun", "Mei", "Hiroshi", "Fatima", "Omar", "Sofia", "Diego", "Chloe",
    "Samuel", "Grace", "David", "Nora", "Joseph", "Zoe", "Carlos", "Hannah", "Michael", "Leah",
    "Ethan", "Aisha", "Kwame", "Ingrid", "Lars", "Elena", "Marco", "Yuki", "Rahul", "Ana", "Tomás",
    "Julia", "Patrick", "Rachel", "Victor", "Nadia", "Connor", "Maya", "Andre", "Lucy", "Jonah",
];

/// Family names.
pub(crate) const LAST_NAMES: &[&str] = &[
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Hernandez",
    "Lopez",
    "Wilson",
    "Anderson",
    "Thomas",
    "Taylor",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Robinson",
    "Walker",
    "Young",
    "Allen",
    "King",
    "Wright",
    "Scott",
    "Nguyen",
    "Hill",
    "Green",
    "Adams",
    "Baker",
    "Nelson",
    "Carter",
    "Mitchell",
    "Patel",
    "Kim",
    "Chen",
    "Okafor",
    "Schmidt",
    "Rossi",
    "Novak",
    "Larsen",
    "Tanaka",
    "Kowalski",
    "O'Brien",
    "Murphy",
    "Silva",
    "Costa",
    "Fischer",
    "Dubois",
    "Sato",
    "Mensah",
    "Reyes",
    "Brooks",
    "Hughes",
];

/// Team names, used in order; more teams than names get numbered regions.
pub(crate) const TEAM_NAMES: &[&str] = &[
    "North", "South", "West", "East", "Central", "Coastal", "Metro", "Mountain", "Lakes", "Valley",
    "Harbor", "Plains",
];

/// Company names for the report title.
pub(crate) const COMPANIES: &[&str] = &[
    "Acme Corp",
    "Northwind Traders",
    "Globex",
    "Initech",
    "Brightline Software",
    "Bluepeak Systems",
    "Contoso",
    "Vandelay Industries",
];

/// Lead sources: name, share of leads (per mille), typical interest (0–1).
pub(crate) const SOURCES: &[(&str, u32, f64)] = &[
    ("website", 300, 0.45),
    ("referral", 110, 0.75),
    ("event", 110, 0.50),
    ("outbound", 230, 0.25),
    ("partner", 90, 0.60),
    ("webinar", 100, 0.40),
    ("inbound_call", 60, 0.70),
];

/// The name of team number `k` (0-based).
pub(crate) fn team_name(k: usize) -> String {
    match TEAM_NAMES.get(k) {
        Some(name) => (*name).to_string(),
        None => format!("Region {}", k + 1),
    }
}
