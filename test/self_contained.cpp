// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// Compiled once per public header, with BOOST_TEMPFILE_TEST_HEADER naming it:
// the header must compile on its own, first, and twice (include guard).
#define BOOST_TEMPFILE_STRINGIZE2(x) #x
#define BOOST_TEMPFILE_STRINGIZE(x) BOOST_TEMPFILE_STRINGIZE2(x)
#include BOOST_TEMPFILE_STRINGIZE(BOOST_TEMPFILE_TEST_HEADER)
#include BOOST_TEMPFILE_STRINGIZE(BOOST_TEMPFILE_TEST_HEADER)

int main()
{
}
