//! The report as data: what every format renders, and what `--format json` writes as it is
//! (the versioned schema of docs/report-output.md).

use chrono::NaiveDate;
use serde::Serialize;

/// The version of the JSON report's schema.
pub const VERSION: u32 = 1;

/// A whole report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// [`VERSION`].
    pub version: u32,
    /// The period reported on.
    pub period: PeriodOut,
    /// Each authority of the register (or the one selected), by ODS code then name.
    pub authorities: Vec<AuthorityReport>,
    /// All of them together.
    pub totals: Totals,
}

/// The period, and the previous one reg 25(2)(g)-(h) compares it with.
#[derive(Clone, Debug, Serialize)]
pub struct PeriodOut {
    /// First day (included).
    pub from: NaiveDate,
    /// Last day (included).
    pub to: NaiveDate,
    /// `2025-26`, or `FROM to TO`.
    pub label: String,
    /// The previous period's first day.
    pub previous_from: NaiveDate,
    /// The previous period's last day.
    pub previous_to: NaiveDate,
}

/// One authority's part.
#[derive(Clone, Debug, Serialize)]
pub struct AuthorityReport {
    /// Its ODS code, upper case; `null` when its files record none (then it is known by name).
    pub ods_code: Option<String>,
    /// Its name as its first file (in path order) writes it.
    pub name: String,
    /// The reg 25(2) counts.
    pub reg25: Reg25,
    /// The reg 26 monitoring results.
    pub reg26: Reg26,
    /// The arrangements and providers behind the counts (their keys follow `reg26`).
    #[serde(flatten)]
    pub listed: Listings,
}

/// What each reg 25(2) count of one authority (or of a group being counted) stands on, so that
/// each count can be checked.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Listings {
    /// Every arrangement counted in `reg25`.
    pub counted: Vec<Listed>,
    /// Arrangements proposed but not awarded: no `award.contract_entered` (or, for an urgent
    /// modification, no `modification.effective`), decided on or before the period's last day.
    pub proposed: Vec<Listed>,
    /// Arrangements decided, entered into or made in the period that no reg 25(2) count covers,
    /// with the reason.
    pub not_counted: Vec<Listed>,
    /// The providers counted in (g).
    pub new_providers: Vec<String>,
    /// The providers counted in (h).
    pub providers_lost: Vec<String>,
    /// The standstills counted in (i).
    pub standstills: Vec<StandstillOut>,
    /// Standstills with representations whose end cannot be computed from the record, so (i)
    /// cannot count them; decided in the period.
    pub standstills_undetermined: Vec<Listed>,
}

/// The reg 25(2) counts (the keys are the public contract).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Reg25 {
    /// (a) Direct Award Process A.
    pub direct_award_a: usize,
    /// (a) Direct Award Process B.
    pub direct_award_b: usize,
    /// (a) Direct Award Process C.
    pub direct_award_c: usize,
    /// (b) the most suitable provider process.
    pub most_suitable_provider: usize,
    /// (c) the competitive process.
    pub competitive: usize,
    /// (d) framework agreements concluded.
    pub frameworks_concluded: usize,
    /// (e) contracts awarded under a framework agreement.
    pub framework_call_offs: usize,
    /// (f) contracts awarded under reg 14.
    pub urgent_awards: usize,
    /// (f) modifications made under reg 14.
    pub urgent_modifications: usize,
    /// (g) providers awarded a contract that held none in the previous period.
    pub new_providers: usize,
    /// (h) providers that held a contract in the previous period and hold none in this one.
    pub providers_lost: usize,
    /// (i) written representations in standstill periods that ended in the period.
    pub representations: Representations,
}

impl Reg25 {
    /// Whether every count is zero.
    pub fn is_zero(&self) -> bool {
        let counts = [
            self.direct_award_a,
            self.direct_award_b,
            self.direct_award_c,
            self.most_suitable_provider,
            self.competitive,
            self.frameworks_concluded,
            self.framework_call_offs,
            self.urgent_awards,
            self.urgent_modifications,
            self.new_providers,
            self.providers_lost,
            self.representations.received,
            self.representations.standstills,
        ];
        counts.iter().all(|n| *n == 0)
    }
}

/// (i): representations, the further decisions and their nature.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Representations {
    /// Written representations received in time (reg 12(3)).
    pub received: usize,
    /// Standstill periods with representations that ended in the period.
    pub standstills: usize,
    /// The further decisions taken after reviewing them (reg 12(4)).
    pub further_decisions: FurtherDecisions,
    /// A short summary, in words.
    pub summary: String,
}

/// Further decisions by kind.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FurtherDecisions {
    /// Proceed with the award.
    pub proceed: usize,
    /// Go back and repeat a step or steps.
    pub repeat_steps: usize,
    /// Abandon the procurement.
    pub abandon: usize,
    /// No further decision recorded.
    pub not_recorded: usize,
}

/// One arrangement in a list.
#[derive(Clone, Debug, Serialize)]
pub struct Listed {
    /// The file.
    pub path: String,
    /// `arrangement.reference`.
    pub reference: String,
    /// `arrangement.title`.
    pub title: String,
    /// `arrangement.kind`.
    pub kind: String,
    /// The reg25 key it is counted under, or why it is listed.
    pub category: String,
    /// The date that placed it in the period (entered, effective, decided).
    pub date: Option<NaiveDate>,
}

/// A standstill counted in (i).
#[derive(Clone, Debug, Serialize)]
pub struct StandstillOut {
    /// The file.
    pub path: String,
    /// `arrangement.reference`.
    pub reference: String,
    /// The last day of the standstill, as the checker computes it.
    pub ended: NaiveDate,
    /// Representations received in time.
    pub received: usize,
    /// Who made them.
    pub providers: Vec<String>,
    /// Representations received after the deadline (not counted).
    pub late: usize,
    /// `proceed`, `repeat-steps`, `abandon`, or `null`.
    pub further_decision: Option<String>,
}

/// The reg 26 monitoring results.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Reg26 {
    /// Arrangement files monitored (valid, with activity in the period).
    pub arrangements: usize,
    /// Of which with no unwaived error or warning.
    pub compliant: usize,
    /// Unwaived errors.
    pub errors: usize,
    /// Unwaived warnings.
    pub warnings: usize,
    /// Unwaived information findings.
    pub infos: usize,
    /// Findings accepted by a waiver.
    pub waived: usize,
    /// Waivers whose expiry date has passed.
    pub expired_waivers: usize,
    /// Files that could not be read (totals only: such a file names no authority).
    pub unreadable: usize,
    /// Counts by provision.
    pub by_provision: Vec<ProvisionCount>,
    /// Every error and warning, waived or not, with how it is to be addressed.
    pub findings: Vec<FindingOut>,
    /// The files that could not be read, and why (totals only).
    pub unreadable_files: Vec<Unread>,
}

/// Findings of one provision.
#[derive(Clone, Debug, Serialize)]
pub struct ProvisionCount {
    /// `SI 2023/1348 reg 12(9)`, or `psrlint ARR006` for a finding of the checker's own.
    pub provision: String,
    /// Its URL, when it has one.
    pub url: Option<String>,
    /// Unwaived errors.
    pub errors: usize,
    /// Unwaived warnings.
    pub warnings: usize,
    /// Waived findings.
    pub waived: usize,
}

/// One finding for reg 26.
#[derive(Clone, Debug, Serialize)]
pub struct FindingOut {
    /// The file.
    pub path: String,
    /// 1-based line, when the finding points into the file.
    pub line: Option<usize>,
    /// The code.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The provision (as in [`ProvisionCount::provision`]).
    pub provision: String,
    /// Its URL.
    pub url: Option<String>,
    /// What is wrong.
    pub message: String,
    /// What to change.
    pub help: Option<String>,
    /// The waiver that accepted it.
    pub waiver: Option<WaiverOut>,
    /// How the non-compliance will be addressed: the waiver's reason, or left for the
    /// authority to complete.
    pub addressed: String,
}

/// A waiver.
#[derive(Clone, Debug, Serialize)]
pub struct WaiverOut {
    /// Why the finding is accepted.
    pub reason: String,
    /// Who approved it.
    pub approved_by: String,
    /// When it expires.
    pub expires: NaiveDate,
}

/// A file that could not be read.
#[derive(Clone, Debug, Serialize)]
pub struct Unread {
    /// The file.
    pub path: String,
    /// The finding that says why.
    pub code: String,
    /// Why.
    pub message: String,
}

/// All authorities together.
#[derive(Clone, Debug, Serialize)]
pub struct Totals {
    /// The counts over the whole register; (g) and (h) count each provider once, so they can be
    /// less than the sum over authorities.
    pub reg25: Reg25,
    /// The monitoring results over the whole register, with the files that could not be read.
    pub reg26: Reg26,
    /// Arrangements with no relevant authority recorded (agreements between public bodies),
    /// decided in the period: not contracts, never counted in reg25.
    pub without_authority: Vec<Listed>,
}
