// Expected: static assertion failed: "boost::tempfile: a cleanup policy's
// remove_on_close() must be noexcept"

#include <boost/tempfile.hpp>

namespace tf = boost::tempfile;

struct throwing_close_policy
{
    bool remove_on_close() const { return true; } // not noexcept
    bool remove_on_destroy() const noexcept { return true; }
};

int main()
{
    tf::named_temp_file< throwing_close_policy > file;
}
