/**
 * The Grafana Foundation SDK builders the dashboards use, loaded with require(). The SDK is CommonJS and its
 * index files re-export every builder: imported from an ES module, Node first scans each re-exported file for
 * export names, 0.2 s of cpu in every `burnrate generate` against 0.08 s for require(). Types still come from
 * `import type` of the SDK's own paths.
 */
import { createRequire } from 'node:module';
import type * as Bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as Common from '@grafana/grafana-foundation-sdk/common';
import type * as Dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type * as Logs from '@grafana/grafana-foundation-sdk/logs';
import type * as Loki from '@grafana/grafana-foundation-sdk/loki';
import type * as Prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import type * as Table from '@grafana/grafana-foundation-sdk/table';
import type * as Timeseries from '@grafana/grafana-foundation-sdk/timeseries';

const load = createRequire(import.meta.url);

const common = load('@grafana/grafana-foundation-sdk/common') as typeof Common;
const dashboard = load('@grafana/grafana-foundation-sdk/dashboard') as typeof Dashboard;
const prometheus = load('@grafana/grafana-foundation-sdk/prometheus') as typeof Prometheus;

export const {
  BarGaugeDisplayMode,
  GraphGradientMode,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
  LegendDisplayMode,
  LegendPlacement,
  LogsDedupStrategy,
  LogsSortOrder,
  ReduceDataOptionsBuilder,
  SortOrder,
  TableCellDisplayMode,
  TableSortByFieldStateBuilder,
  TooltipDisplayMode,
  VizLegendOptionsBuilder,
  VizOrientation,
  VizTooltipOptionsBuilder,
} = common;
// Builders are classes: their instance types too, for the helpers that take or return them.
export type GraphThresholdsStyleConfigBuilder = Common.GraphThresholdsStyleConfigBuilder;
export type ReduceDataOptionsBuilder = Common.ReduceDataOptionsBuilder;
export type VizLegendOptionsBuilder = Common.VizLegendOptionsBuilder;
export type VizTooltipOptionsBuilder = Common.VizTooltipOptionsBuilder;

export const {
  AnnotationQueryBuilder,
  ConstantVariableBuilder,
  CustomVariableBuilder,
  DashboardBuilder,
  DashboardLinkBuilder,
  DashboardLinkType,
  DatasourceVariableBuilder,
  FieldColorBuilder,
  FieldColorModeId,
  QueryVariableBuilder,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
  VariableRefresh,
  VariableSort,
} = dashboard;
export type AnnotationQueryBuilder = Dashboard.AnnotationQueryBuilder;
export type ConstantVariableBuilder = Dashboard.ConstantVariableBuilder;
export type CustomVariableBuilder = Dashboard.CustomVariableBuilder;
export type DashboardBuilder = Dashboard.DashboardBuilder;
export type DashboardLinkBuilder = Dashboard.DashboardLinkBuilder;
export type DatasourceVariableBuilder = Dashboard.DatasourceVariableBuilder;
export type QueryVariableBuilder = Dashboard.QueryVariableBuilder;
export type ThresholdsConfigBuilder = Dashboard.ThresholdsConfigBuilder;

export const { PromQueryFormat, QueryEditorMode } = prometheus;

// Each panel kind and query kind calls its builder PanelBuilder or DataqueryBuilder: named here by kind.
export const BarGaugePanel = (load('@grafana/grafana-foundation-sdk/bargauge') as typeof Bargauge).PanelBuilder;
export type BarGaugePanel = Bargauge.PanelBuilder;
export const LogsPanel = (load('@grafana/grafana-foundation-sdk/logs') as typeof Logs).PanelBuilder;
export type LogsPanel = Logs.PanelBuilder;
export const TablePanel = (load('@grafana/grafana-foundation-sdk/table') as typeof Table).PanelBuilder;
export type TablePanel = Table.PanelBuilder;
export const TimeseriesPanel = (load('@grafana/grafana-foundation-sdk/timeseries') as typeof Timeseries).PanelBuilder;
export type TimeseriesPanel = Timeseries.PanelBuilder;
export const LokiQuery = (load('@grafana/grafana-foundation-sdk/loki') as typeof Loki).DataqueryBuilder;
export type LokiQuery = Loki.DataqueryBuilder;
export const PromQuery = prometheus.DataqueryBuilder;
export type PromQuery = Prometheus.DataqueryBuilder;
