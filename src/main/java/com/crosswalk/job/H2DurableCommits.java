package com.crosswalk.job;

import org.springframework.beans.factory.config.BeanPostProcessor;

import com.zaxxer.hikari.HikariDataSource;

/**
 * H2 writes committed transactions to its file up to 500 ms later (WRITE_DELAY), so a process killed just after a
 * commit came back without it: lookups already answered were asked again and the job repository went back a step.
 * With no delay a commit is in the file (in the OS cache, which outlives the process) before it returns. H2 does not
 * keep this setting across opens, so every pooled connection sets it; PostgreSQL commits durably already.
 */
class H2DurableCommits implements BeanPostProcessor {

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource dataSource && isH2(dataSource.getJdbcUrl())
				&& dataSource.getConnectionInitSql() == null) {
			dataSource.setConnectionInitSql("SET WRITE_DELAY 0");
		}
		return bean;
	}

	private static boolean isH2(String url) {
		return url != null && url.startsWith("jdbc:h2:") && !url.toUpperCase().contains("WRITE_DELAY");
	}
}
