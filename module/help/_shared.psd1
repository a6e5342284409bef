# Descriptions of parameters that several cmdlets share. A cmdlet's own help file may override one.
@{
    Parameters = @{
        ConfigPath = 'Path to a retrain_config.yaml. Default: the file named by $env:RETRAIN_CONFIG, else the built-in defaults (those of config/retrain_config.yaml). The store (store.uri, or $env:RETRAIN_STORE_URI) and relative paths resolve against the config file''s folder, or the current location without one. An unknown key, a wrong type or an out-of-range value is an error naming the key and its line.'
        Delimiter  = 'The field separator of the CSV files this call reads (all of them): Auto, Comma, Semicolon, Tab or Pipe. Default: data.delimiter, auto, which takes the one the header line uses. With any separator but the comma a number may have a decimal comma (23,5), as European spreadsheet exports write it. A field-count error says which separator was used and whether it was detected.'
        Reason     = 'Why the change is made. Recorded with the user, machine and time in the registry''s event log, which is the model''s history.'
        Force      = 'Makes the change without asking for confirmation, for unattended runs (scheduled tasks, runbooks).'
        WhatIf     = 'Shows what would change without changing anything.'
        Confirm    = 'Asks for confirmation before each change.'
        PassThru   = 'Writes the changed model version to the pipeline. By default nothing is written.'
        NoLog      = 'Checks without logging a run: nothing is written to the store (it is only read, e.g. for the model), and the report''s RunId is empty. For trying settings or data before a check that should count in the history.'
    }
}
