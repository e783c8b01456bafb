/**
 * The retention models' public API for the rest of the server (spec §3–§8). Pure math: summaries in,
 * fitted models and per-customer forecasts out; every value is in the fitted model's time unit unless
 * a name says days.
 */
export type { TimeUnit, Transaction, Occasion, SummaryRow, SummarizeOptions, WeightedRow } from './summary.ts';
export { summarize, toOccasions, compress, checkSummary, dayNumber, dayOfDate, unitDays } from './summary.ts';
export type { TransactionModelName, FitStatus, CustomerSummary, FittedTransactionModel, FittedSpendModel, FitOptions } from './fit.ts';
export { fitTransactionModel, fitSpendModel, logLikelihoodAt, FitTimeout } from './fit.ts';
export type { CustomerForecast, ForecastOptions, RiskBand } from './predict.ts';
export {
  pAlive, expectedPurchases, expectedPurchasesNew, probabilityNoPurchase, forecastCustomer, expectedSpend, discountedPurchases,
  riskBand, DAYS_PER_MONTH,
} from './predict.ts';
export type { HoldoutRow, HoldoutValidation, FrequencyBucket, ModelChoice } from './validate.ts';
export { validateHoldout, chooseModel, BUCKETS } from './validate.ts';
export { paretoDert } from './pareto-nbd.ts';
export { bgPmf } from './bgnbd.ts';
