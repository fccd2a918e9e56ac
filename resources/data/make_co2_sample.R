# Writes resources/data/co2.csv from R's datasets package: `co2`, the monthly mean atmospheric CO2
# concentration at Mauna Loa in ppm (parts per million), January 1959 to December 1997, 468 months
# (Keeling and Whorf, Scripps Institution of Oceanography; R datasets package, GPL-2).
# Columns: Date (the first day of the month, YYYY-MM-01), CO2 (ppm, as R stores it).
#   Rscript resources/data/make_co2_sample.R      (from the repository root; Debian: r-base-core)
x <- datasets::co2
stopifnot(frequency(x) == 12, length(x) == 468, !anyNA(x))
months <- seq(as.Date(sprintf("%04d-%02d-01", start(x)[1], start(x)[2])), by = "month", length.out = length(x))
out <- data.frame(Date = format(months, "%Y-%m-%d"), CO2 = format(as.numeric(x), trim = TRUE))
write.csv(out, "resources/data/co2.csv", row.names = FALSE, quote = FALSE)
