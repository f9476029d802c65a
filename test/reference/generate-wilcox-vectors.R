# Reference values for the Mann-Whitney test, computed with R's own wilcox.test.
# Regenerate with: Rscript test/reference/generate-wilcox-vectors.R > test/reference/wilcox-vectors.json
# (Debian: apt-get install r-base-core). The TypeScript implementation must reproduce these.
set.seed(20261127)

num <- function(v) paste0("[", paste(sprintf("%.17g", v), collapse = ","), "]")

cases <- list()
add <- function(name, x, y, conf) {
  r <- suppressWarnings(wilcox.test(x, y, conf.int = TRUE, conf.level = conf))
  exact <- grepl("exact", r$method)
  cases[[length(cases) + 1]] <<- sprintf(
    '{"name":"%s","confLevel":%s,"canary":%s,"baseline":%s,"statistic":%s,"pValue":%s,"estimate":%s,"confInt":%s,"achievedConfLevel":%s,"method":"%s"}',
    name, sprintf("%.17g", conf), num(x), num(y), sprintf("%.17g", r$statistic), sprintf("%.17g", r$p.value),
    sprintf("%.17g", r$estimate), num(r$conf.int), sprintf("%.17g", attr(r$conf.int, "conf.level")),
    if (exact) "exact" else "normal")
}

for (conf in c(0.95, 0.98)) {
  # Exact path: both samples under 50, no ties.
  for (size in list(c(4, 5), c(5, 4), c(10, 12), c(20, 20), c(30, 45), c(49, 49), c(3, 40))) {
    add(sprintf("exact-normal-%dx%d", size[1], size[2]), rnorm(size[1], 10.3, 2), rnorm(size[2], 10, 2), conf)
  }
  add("exact-shifted-15x15", rnorm(15, 120, 10), rnorm(15, 100, 10), conf)
  add("exact-disjoint-6x7", runif(6, 10, 11), runif(7, 0, 1), conf)
  # Ties force the normal approximation even for small samples.
  add("ties-small-6x8", round(rnorm(6, 5, 2)), round(rnorm(8, 5, 2)), conf)
  add("ties-small-15x20", round(rnorm(15, 50, 5)), round(rnorm(20, 52, 5)), conf)
  # Large samples: the normal approximation.
  add("normal-50x50", rnorm(50, 1, 1), rnorm(50, 0.8, 1), conf)
  add("normal-60x40", rexp(60, 1/30), rexp(40, 1/25), conf)
  add("normal-200x150-latency", rlnorm(200, log(120), 0.3), rlnorm(150, log(100), 0.3), conf)
  add("normal-1000x1000-rates", rbeta(1000, 2, 800), rbeta(1000, 2, 1000), conf)
  add("normal-4x5000", rnorm(4, 3, 1), rnorm(5000, 0, 1), conf)
  add("ties-heavy-300x300", sample(0:3, 300, replace = TRUE), sample(0:3, 300, replace = TRUE, prob = c(0.4, 0.3, 0.2, 0.1)), conf)
  add("ties-integer-ms-2000x2000", round(rlnorm(2000, log(48), 0.2)), round(rlnorm(2000, log(45), 0.2)), conf)
}
add("normal-5000x5000", rnorm(5000, 100.5, 15), rnorm(5000, 100, 15), 0.95)
add("normal-5000x5000-no-shift", rnorm(5000, 50, 5), rnorm(5000, 50, 5), 0.98)

cat("[\n", paste(unlist(cases), collapse = ",\n"), "\n]\n", sep = "")
