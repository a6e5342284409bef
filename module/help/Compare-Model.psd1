@{
    Synopsis    = 'Compares a challenger model with the champion on labelled test data and recommends whether to promote it.'
    Description = @(
        'Compare-Model scores both models on the same labelled rows and reports MAE, RMSE, R² and MAPE for each (MAPE skips rows whose true value is 0, as RUL reaches 0, and reports how many), the relative improvement of the primary metric (model_comparison.primary_metric: mae, rmse, r2 or mape; R² is higher-is-better), a paired t-test of the absolute errors (as scipy.stats.ttest_rel), and a bootstrap 95% confidence interval of the improvement (model_comparison.bootstrap_resamples resamples, seeded, resampling whole equipment units when data.group_column is present).'
        'When the test data has the unit column (data.group_column), the t-test that decides pairs each unit''s mean absolute error under the two models, one pair per unit: rows of one engine share its build and wear and are not independent, so a per-row test over thousands of rows calls small differences certain. The per-row test is still reported (RowPValue) but decides nothing; SignificanceBasis says Units, UnitCount how many, and PValue is the unit-level p (also in UnitPValue). Without a unit column the rows are the replicates (SignificanceBasis Rows), as before.'
        'ShouldPromote is true only when the challenger is better by at least model_comparison.min_improvement_pct AND the deciding t-test gives p below model_comparison.significance_level; with model_comparison.segment_column set, also when no segment with at least min_segment_rows rows got worse by more than max_segment_regression_pct. The Recommendation says which condition decided, with figures. Degenerate inputs (identical predictions, a single row) give a defined result and say so, never NaN.'
        'Both models are judged against one stated target, so the verdict does not depend on who asks: the label capped at model_comparison.target_cap when it is set, else at the challenger''s own training cap (its manifest''s rul_cap; uncapped if it was trained without one). The session''s training.rul_cap is never used. TargetCap and TargetCapSource on the report, the end of the Recommendation and the logged run''s target_cap parameter say which. When the two models were trained with different caps or different feature sets they are still compared, with a warning (also in the report''s Warnings), since one target favours the model trained for it.'
        'The champion defaults to the production version of the challenger''s model (or deployment.model_name); with no production version yet, the challenger wins by default and the report says so. Every comparison is logged in the model_comparison experiment.'
    )
    Parameters  = @{
        ChallengerUri = 'The candidate model: models:/name/version, models:/name/Stage, models:/name@alias, runs:/<id>/model or a folder. Binds from the pipeline by property name (ChallengerUri, Uri, NewModelUri), so a ModelVersion from Invoke-ModelTraining or a retraining result can be piped in.'
        ChampionUri   = 'The model to beat. Default: models:/<model>/Production. Binds from the pipeline by property name (ChampionUri).'
        TestPath      = 'A labelled test data file (CSV, or C-MAPSS text; test_FD00N files are labelled from the RUL_FD00N file beside them).'
        TestData      = 'Labelled test rows as objects.'
        TargetColumn  = 'The label column. Default: data.target_column (rul).'
    }
    Inputs      = @{ 'Retrain.Engine.Registry.ModelVersion' = 'Its Uri binds to -ChallengerUri.' }
    Outputs     = @{ 'Retrain.Engine.Evaluation.ComparisonReport' = 'Champion, Challenger, MetricsComparison, PrimaryMetric, ImprovementPct, PValue (of the deciding test), SignificanceBasis (Units or Rows), UnitCount, UnitPValue, RowPValue, ConfidenceInterval, Winner, ShouldPromote, Recommendation, TargetCap, TargetCapSource, Warnings, Segments, RunId.' }
    Examples    = @(
        @{ Title = 'against production'; Code = 'Compare-Model -ChallengerUri models:/pm/8 -TestPath .\holdout.csv | Format-List'; Remarks = 'Compares version 8 with the production version of pm and shows the full report.' }
        @{ Title = 'train, then compare'; Code = 'Invoke-ModelTraining .\last90days.csv -ModelName pm | Compare-Model -TestPath .\holdout.csv'; Remarks = 'The new version is piped in as the challenger.' }
        @{ Title = 'the metrics side by side'; Code = '(Compare-Model models:/pm@candidate .\holdout.csv -ChampionUri models:/pm@champion).MetricsComparison'; Remarks = 'One row per metric with both values, the difference and which model is better.' }
    )
    Related     = @('Invoke-ModelTraining', 'Test-ModelDrift', 'Get-RetrainRun')
}
