@{
    Synopsis    = 'Shows which store Retrain commands use, and why.'
    Description = @(
        'Every Retrain command reads and writes one store: runs, drift reports and the model registry. Get-RetrainStore says which one a command with the same -ConfigPath would use: the URI in effect, the backend, the resolved folder and where the URI came from (Origin).'
        'The store is chosen in this order: $env:RETRAIN_STORE_URI (Origin EnvironmentVariable); else store.uri of the configuration file, relative to the file''s folder (ConfigFile; the file is -ConfigPath or $env:RETRAIN_CONFIG, and its default is file:./.retrain beside it); else, with no configuration file at all, one per-user folder (UserDefault): $XDG_DATA_HOME/retrain or ~/.local/share/retrain on Linux, ~/Library/Application Support/Retrain on macOS, %LOCALAPPDATA%\Retrain on Windows. So scheduled tasks started from different folders share one history.'
        'Any command run with -Verbose prints the store it opened and where its URI came from. Nothing is created by Get-RetrainStore: the folder appears on the first write.'
    )
    Outputs     = @{ 'Retrain.Engine.Store.StoreLocation' = 'Uri, Backend (file), Location (the full folder path), Origin (ConfigFile, EnvironmentVariable or UserDefault) and ConfigPath (the configuration file in effect, if any).' }
    Examples    = @(
        @{ Title = 'where runs go'; Code = 'Get-RetrainStore'; Remarks = 'Shows the store of this session: with no configuration and no $env:RETRAIN_STORE_URI, the per-user folder.' }
        @{ Title = 'the folder, for a backup script'; Code = '(Get-RetrainStore).Location'; Remarks = 'The full path of the store folder.' }
        @{ Title = 'why a command wrote there'; Code = 'Get-RetrainExperiment -Verbose'; Remarks = 'Any command''s verbose output names the store it opened and where the URI came from.' }
    )
    Related     = @('Get-RetrainRun', 'Get-RetrainExperiment')
}
