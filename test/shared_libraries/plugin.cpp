// Copyright 2026 The Boost.TempFile developers
// Distributed under the Boost Software License, Version 1.0.
// (See accompanying file LICENSE_1_0.txt or copy at https://www.boost.org/LICENSE_1_0.txt)

// One of the two shared libraries of the shared_libraries test (built twice,
// with BOOST_TEMPFILE_TEST_PLUGIN_ENTRY naming the entry point, and with
// -fvisibility=hidden: nothing but the entry point is exported).

#include "plugin.hpp"

#include <boost/tempfile/named_temp_file.hpp>
#include <boost/tempfile/temp_directory.hpp>

#include <boost/config.hpp>

namespace tf = boost::tempfile;

namespace {

void set_temp_directory(const boost::filesystem::path& p)
{
    tf::set_temp_directory_path(p);
}

void reset_temp_directory()
{
    tf::reset_temp_directory_path();
}

boost::filesystem::path temp_directory()
{
    return tf::temp_directory_path();
}

boost::filesystem::path directory_of_a_new_file()
{
    tf::named_temp_file<> f;
    return f.path().parent_path();
}

unsigned fork_generation()
{
    return tf::detail::fork_generation();
}

const void* temp_directory_state()
{
    return &tf::detail::temp_directory_state();
}

const void* process_state()
{
#if defined(BOOST_TEMPFILE_WINDOWS)
    return nullptr;
#else
    return &tf::detail::the_process_state();
#endif
}

#define BOOST_TEMPFILE_TEST_STR2(x) #x
#define BOOST_TEMPFILE_TEST_STR(x) BOOST_TEMPFILE_TEST_STR2(x)

const plugin_api api = {BOOST_TEMPFILE_TEST_STR(BOOST_TEMPFILE_TEST_PLUGIN_ENTRY),
                        &set_temp_directory,
                        &reset_temp_directory,
                        &temp_directory,
                        &directory_of_a_new_file,
                        &fork_generation,
                        &temp_directory_state,
                        &process_state};

} // namespace

extern "C" BOOST_SYMBOL_EXPORT const plugin_api* BOOST_TEMPFILE_TEST_PLUGIN_ENTRY()
{
    return &api;
}
