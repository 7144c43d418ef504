// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// The portable suite test/run/api_additions.cpp (issue 16), on Windows.
#include "../run/api_additions.cpp"
