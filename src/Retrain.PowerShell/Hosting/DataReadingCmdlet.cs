using System.Management.Automation;
using Retrain.Engine.Configuration;
using Retrain.Engine.Data;

namespace Retrain.PowerShell.Hosting;

/// <summary>A cmdlet that reads data files: adds -Delimiter to what every Retrain cmdlet shares.</summary>
public abstract class DataReadingCmdlet : RetrainCmdlet
{
    /// <summary>
    /// <para type="description">The CSV field separator: Auto, Comma, Semicolon, Tab or Pipe. Default: data.delimiter (auto: the one the header line uses).</para>
    /// </summary>
    [Parameter]
    [ValidateEngineEnum(EngineEnums.CsvDelimiter)]
    [ArgumentCompleter(typeof(CsvDelimiterCompleter))]
    public string? Delimiter { get; set; }

    protected override CsvDelimiter CsvDelimiter =>
        Delimiter is null ? Options.Data.Delimiter : Enum.Parse<CsvDelimiter>(Delimiter, ignoreCase: true);
}
