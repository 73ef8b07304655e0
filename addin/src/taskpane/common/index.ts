// Pane pieces every tab reuses.
export {
  ColumnMapping,
  useRememberedMapping,
  type ColumnMappingProps,
  type RememberedMapping,
} from './ColumnMapping';
export { MonthField, type MonthFieldProps } from './MonthField';
export { ProgressPanel, type ProgressPanelProps } from './ProgressPanel';
export { ProblemList, listedSheetProblem, type ListedProblem, type ProblemListProps } from './ProblemList';
export { SheetPicker, type SheetPickerProps } from './SheetPicker';
export { chooseDefaultSheet, sheetMatchesKind, type SheetCandidate } from './sheetChoice';
export {
  fromSavedMapping,
  loadMappingOverrides,
  mappingSettingKey,
  saveMappingOverrides,
  toSavedMapping,
  type SavedMapping,
} from './mappingSettings';
export { commonStrings, commonText, type CommonStringKey } from './strings';
