export { formatValue } from './format-number.js';
export { renderCsv } from './render-csv.js';
export { type TablesJson, renderTablesJson } from './render-json.js';
export { renderMarkdownTable } from './render-markdown.js';
export { type BarSeries, renderBarChartSvg } from './svg-bar-chart.js';
export { type LineSeries, renderLineChartSvg } from './svg-line-chart.js';
export { type ComparedCell, type ComparedRow, type TableContext, compareTable } from './table-rows.js';
export { writeCharts } from './write-charts.js';
export { type WrittenResults, writeResults } from './write-results.js';
