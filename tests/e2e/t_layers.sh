#!/bin/sh
# The shape of the product code: includes point down the layers (core/ <-
# exporters/, triage/ <- etl/), no two object files call each other, no .c over
# 600 lines, no function over 80 lines. See tests/check_layers.py.
BUILD=${1:-build}
exec /usr/bin/python3 tests/check_layers.py "$BUILD"
