// The pane's turn-giving lives with the workbook adapters, which slice their writes by it too.
export { yieldToPage } from '../workbook/pace';
