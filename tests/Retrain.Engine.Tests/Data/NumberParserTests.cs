using System.Globalization;
using Retrain.Engine.Data;
using Xunit;

namespace Retrain.Engine.Tests.Data;

public class NumberParserTests
{
    /// <summary>
    /// The CSV reader parses plain-looking cells with Sep's fast parser and everything else with .NET;
    /// on cells made only of digits, signs, dots and exponents both must agree with double.TryParse.
    /// </summary>
    [Theory]
    [InlineData("1e5.5")]
    [InlineData("+-1")]
    [InlineData("--1")]
    [InlineData("1e+")]
    [InlineData("1e-")]
    [InlineData(".")]
    [InlineData("+")]
    [InlineData("-")]
    [InlineData("e")]
    [InlineData("E5")]
    [InlineData("1e5e")]
    [InlineData("1..2")]
    [InlineData("1-2")]
    [InlineData("1+2")]
    [InlineData("00.5")]
    [InlineData("1E+05")]
    [InlineData("-.5e-3")]
    [InlineData("5e-324")]
    [InlineData("1e-400")]
    [InlineData("123456789012345678901234567890")]
    [InlineData("0.1000000000000000055511151231257827")]
    [InlineData("2.2250738585072011e-308")]
    public void Fast_path_agrees_with_dotnet(string cell)
    {
        bool expectedOk = double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var expected);
        Dataset? data = null;
        var error = Record.Exception(() => (data = CsvDatasetReader.Read(new StringReader($"x\n{cell}\n"), "t.csv")).Column("x"));
        if (expectedOk)
        {
            Assert.Null(error);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(data!.Column("x")[0]));
        }
        else
        {
            Assert.IsType<DataException>(error);
        }
    }

    [Theory]
    [InlineData("1.5", "Ok")]
    [InlineData(" -2 ", "Ok")]
    [InlineData("", "Empty")]
    [InlineData("   ", "Empty")]
    [InlineData("nan", "NotFinite")]
    [InlineData("-nan", "NotFinite")]
    [InlineData("NaN", "NotFinite")]
    [InlineData("inf", "NotFinite")]
    [InlineData("+inf", "NotFinite")]
    [InlineData("-INF", "NotFinite")]
    [InlineData("Infinity", "NotFinite")]
    [InlineData("-infinity", "NotFinite")]
    [InlineData("∞", "NotFinite")]
    [InlineData("-∞", "NotFinite")]
    [InlineData("1e999", "NotFinite")]
    [InlineData("1,000", "NotANumber")]
    [InlineData("abc", "NotANumber")]
    [InlineData("infinite", "NotANumber")]
    public void Classifies_cells(string text, string expected)
    {
        Assert.Equal(expected, NumberParser.Parse(text, out _).ToString());
    }

    [Fact]
    public void Long_offending_text_is_shortened()
    {
        var e = Assert.Throws<DataException>(() => CsvDatasetReader.Read(new StringReader("x\n" + new string('z', 500) + "\n"), "t.csv").Column("x"));
        Assert.Contains("(500 characters)", e.Message);
        Assert.True(e.Message.Length < 200);
    }
}
