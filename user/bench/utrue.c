/* utrue: exit 0 at once; the tiny static binary ubench's fork+exec runs. */
int main(void)
{
	return 0;
}
