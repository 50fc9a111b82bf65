export * from './reasons.ts';
export { readTable, readCsv, readXlsx, decodeText, sniffType, cellText, numberText, type Table, type ReadResult, type ReadOptions, type Encoding, type Delimiter } from './read.ts';
export { TARGETS, detectColumn, detectMapping, detectHeader, remap, mappingScore, type Target, type Mapping, type ColumnMapping } from './mapping.ts';
export {
  parsePhone, parseDate, parseEmail, parseCountry, parseRegion, parseSettlement, parseLanguages, parseSkills, parseRole, parseLabels,
  excelSerialDate, type Parsed, type PhoneOptions,
} from './values.ts';
export { planImport, mergeFields, type ImportPlan, type PlanInput, type PlanSummary, type RowReport, type RowStatus, type Issue, type Duplicate, type DuplicateKey, type DuplicateAction, type ExistingEntry, type RosterField } from './plan.ts';
export { exportRoster, exportRosterCsv, exportRosterXlsx, exportValue, columnHeader, type ExportColumn, type ExportFormat, type ExportOptions } from './export.ts';
export { generateRosterCsv, type GeneratedRoster } from './generate.ts';
